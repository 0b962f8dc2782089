import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../lib/core/types';
import { createMailboxFormModel } from '../../../lib/ui/models/mailbox-form-model';
import { capabilities, fakeSend, PLAIN, RICH } from './fixtures';

function form(caps = RICH, purpose: 'create' | 'rename' = 'create', send = fakeSend().send) {
  return createMailboxFormModel({
    send,
    provider: signal<ProviderId>('tempmailg'),
    capabilities: signal(caps),
    purpose,
  });
}

describe('mailbox form model', () => {
  it('offers name and domain only where the provider allows them', () => {
    expect(form(RICH).allowsUsername.value).toBe(true);
    expect(form(RICH).allowsDomain.value).toBe(true);
    expect(form(PLAIN).available.value).toBe(false);
    const renameOnly = capabilities({
      customUsername: 'via-rename',
      canChooseDomain: 'via-rename',
      canRename: true,
    });
    // One step for the person: the provider creates and renames (tempmailg has no "create with name").
    expect(form(renameOnly, 'create').allowsUsername.value).toBe(true);
    expect(form(renameOnly, 'create').allowsDomain.value).toBe(true);
    expect(form({ ...renameOnly, canRename: false }, 'create').available.value).toBe(false);
    expect(form(renameOnly, 'rename').allowsUsername.value).toBe(true);
    expect(form(capabilities({ customUsername: 'prefix-only' })).allowsUsername.value).toBe(true);
  });

  it('checks the username against the provider rule before sending', () => {
    const f = form();
    f.username.value = 'ab';
    expect(f.usernameErrorKey.value).toBe('popupUsernameRuleAlnum');
    expect(f.canSubmit.value).toBe(false);
    f.username.value = 'admin';
    expect(f.usernameErrorKey.value).toBe('popupUsernameReserved');
    f.username.value = 'shopper42';
    expect(f.usernameErrorKey.value).toBeNull();
    expect(f.canSubmit.value).toBe(true);
  });

  it('loads domains, preselects the first and sends only supported, non-empty fields', async () => {
    const fake = fakeSend({ listDomains: () => [{ domain: 'one.test' }, { domain: 'two.test' }] });
    const f = form(RICH, 'create', fake.send);
    await f.loadDomains();
    expect(fake.ofType('listDomains')[0]?.data).toEqual({ provider: 'tempmailg' });
    expect(f.domain.value).toBe('one.test');
    expect(f.values()).toEqual({ domain: 'one.test' });
    f.username.value = ' shopper ';
    expect(f.values()).toEqual({ username: 'shopper', domain: 'one.test' });
  });

  it('does not ask for domains when the provider cannot list them', async () => {
    const fake = fakeSend();
    const f = form(
      capabilities({ canChooseDomain: 'on-create', canListDomains: false }),
      'create',
      fake.send,
    );
    await f.loadDomains();
    expect(fake.sent).toHaveLength(0);
  });
});
