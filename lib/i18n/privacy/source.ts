/**
 * The SHA-256 of the PRIVACY.md that the translations in this folder were made from. When PRIVACY.md changes,
 * a unit test fails until every translation is brought up to date and this hash with them.
 */
export const POLICY_SOURCE_SHA256 = '72554b884f05759f68d7e208b3c02a38009dd683c3c22c41fd6c8a77df3bce61';
