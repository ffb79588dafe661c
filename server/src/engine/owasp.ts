/** The OWASP API Security Top 10 (2023) categories, with their pages. */
export type OwaspCategory =
  | 'API1:2023' | 'API2:2023' | 'API3:2023' | 'API4:2023' | 'API5:2023'
  | 'API6:2023' | 'API7:2023' | 'API8:2023' | 'API9:2023' | 'API10:2023';

const BASE = 'https://owasp.org/API-Security/editions/2023/en/';

export const OWASP_CATEGORIES: Record<OwaspCategory, { title: string; url: string }> = {
  'API1:2023': { title: 'Broken Object Level Authorization', url: `${BASE}0xa1-broken-object-level-authorization/` },
  'API2:2023': { title: 'Broken Authentication', url: `${BASE}0xa2-broken-authentication/` },
  'API3:2023': { title: 'Broken Object Property Level Authorization', url: `${BASE}0xa3-broken-object-property-level-authorization/` },
  'API4:2023': { title: 'Unrestricted Resource Consumption', url: `${BASE}0xa4-unrestricted-resource-consumption/` },
  'API5:2023': { title: 'Broken Function Level Authorization', url: `${BASE}0xa5-broken-function-level-authorization/` },
  'API6:2023': { title: 'Unrestricted Access to Sensitive Business Flows', url: `${BASE}0xa6-unrestricted-access-to-sensitive-business-flows/` },
  'API7:2023': { title: 'Server Side Request Forgery', url: `${BASE}0xa7-server-side-request-forgery/` },
  'API8:2023': { title: 'Security Misconfiguration', url: `${BASE}0xa8-security-misconfiguration/` },
  'API9:2023': { title: 'Improper Inventory Management', url: `${BASE}0xa9-improper-inventory-management/` },
  'API10:2023': { title: 'Unsafe Consumption of APIs', url: `${BASE}0xaa-unsafe-consumption-of-apis/` },
};

export function cweUrl(id: number): string {
  return `https://cwe.mitre.org/data/definitions/${id}.html`;
}
