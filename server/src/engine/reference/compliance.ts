/**
 * Security topics and the compliance controls each one genuinely supports. A rule names
 * its topics in its own file; this module says what those topics mean for SOC 2, ISO/IEC
 * 27001:2022 Annex A, PCI DSS v4.0, NIST SP 800-53 Rev. 5, OWASP ASVS 4.0.3, GDPR Art. 32
 * and the HIPAA Security Rule (45 CFR 164.312). A framework is listed for a topic only when
 * one of its controls is about that topic; nothing is padded to look complete.
 */
export type SecurityTopic =
  | 'transport-encryption'
  | 'authentication'
  | 'credential-protection'
  | 'token-lifetime'
  | 'authorization'
  | 'input-validation'
  | 'mass-assignment'
  | 'resource-limits'
  | 'error-handling'
  | 'cors'
  | 'ssrf'
  | 'inventory';

export type Framework = 'SOC 2' | 'ISO/IEC 27001:2022' | 'PCI DSS v4.0' | 'NIST SP 800-53 Rev. 5' | 'OWASP ASVS 4.0.3' | 'GDPR' | 'HIPAA';

export interface Control {
  framework: Framework;
  id: string;
  title: string;
}

const c = (framework: Framework, id: string, title: string): Control => ({ framework, id, title });

export const TOPIC_TITLES: Record<SecurityTopic, string> = {
  'transport-encryption': 'Encryption in transit',
  authentication: 'Authentication',
  'credential-protection': 'Protection of credentials',
  'token-lifetime': 'Token and session lifetime',
  authorization: 'Authorization',
  'input-validation': 'Input validation',
  'mass-assignment': 'Mass assignment / excessive data exposure',
  'resource-limits': 'Resource limits and rate limiting',
  'error-handling': 'Error handling',
  cors: 'Cross-origin resource sharing',
  ssrf: 'Server-side request forgery',
  inventory: 'API inventory',
};

export const TOPIC_CONTROLS: Record<SecurityTopic, Control[]> = {
  'transport-encryption': [
    c('SOC 2', 'CC6.7', 'Restricts and protects information during transmission'),
    c('ISO/IEC 27001:2022', 'A.8.24', 'Use of cryptography'),
    c('PCI DSS v4.0', '4.2.1', 'Strong cryptography for cardholder data over open, public networks'),
    c('NIST SP 800-53 Rev. 5', 'SC-8', 'Transmission confidentiality and integrity'),
    c('OWASP ASVS 4.0.3', 'V9.1', 'Client communication security (TLS)'),
    c('GDPR', 'Art. 32(1)(a)', 'Encryption of personal data'),
    c('HIPAA', '164.312(e)(1)', 'Transmission security'),
  ],
  authentication: [
    c('SOC 2', 'CC6.1', 'Logical access security: authentication of users'),
    c('ISO/IEC 27001:2022', 'A.8.5', 'Secure authentication'),
    c('PCI DSS v4.0', '8.3', 'Strong authentication for users and administrators'),
    c('NIST SP 800-53 Rev. 5', 'IA-2', 'Identification and authentication'),
    c('OWASP ASVS 4.0.3', 'V2', 'Authentication'),
    c('HIPAA', '164.312(d)', 'Person or entity authentication'),
  ],
  'credential-protection': [
    c('SOC 2', 'CC6.1', 'Logical access security: protection of credentials'),
    c('ISO/IEC 27001:2022', 'A.5.17', 'Authentication information'),
    c('PCI DSS v4.0', '8.3.2', 'Authentication factors unreadable during transmission and storage'),
    c('NIST SP 800-53 Rev. 5', 'IA-5', 'Authenticator management'),
    c('OWASP ASVS 4.0.3', 'V13.1.3', 'No sensitive information such as API keys or tokens in URLs'),
  ],
  'token-lifetime': [
    c('ISO/IEC 27001:2022', 'A.8.5', 'Secure authentication'),
    c('NIST SP 800-53 Rev. 5', 'IA-5', 'Authenticator management (lifetime, revocation)'),
    c('OWASP ASVS 4.0.3', 'V3', 'Session management (token lifetime and revocation)'),
  ],
  authorization: [
    c('SOC 2', 'CC6.3', 'Role-based access: authorizes, modifies and removes access'),
    c('ISO/IEC 27001:2022', 'A.5.15', 'Access control'),
    c('PCI DSS v4.0', '7.2', 'Access to system components and data is appropriately defined and assigned'),
    c('NIST SP 800-53 Rev. 5', 'AC-3', 'Access enforcement'),
    c('OWASP ASVS 4.0.3', 'V4', 'Access control'),
    c('GDPR', 'Art. 32(1)(b)', 'Ongoing confidentiality of processing systems'),
    c('HIPAA', '164.312(a)(1)', 'Access control'),
  ],
  'input-validation': [
    c('ISO/IEC 27001:2022', 'A.8.28', 'Secure coding'),
    c('PCI DSS v4.0', '6.2.4', 'Software engineering techniques prevent common attacks'),
    c('NIST SP 800-53 Rev. 5', 'SI-10', 'Information input validation'),
    c('OWASP ASVS 4.0.3', 'V5.1', 'Input validation'),
  ],
  'mass-assignment': [
    c('ISO/IEC 27001:2022', 'A.8.28', 'Secure coding'),
    c('PCI DSS v4.0', '6.2.4', 'Software engineering techniques prevent common attacks'),
    c('NIST SP 800-53 Rev. 5', 'SI-10', 'Information input validation'),
    c('OWASP ASVS 4.0.3', 'V5.1.2', 'Protection against mass parameter assignment'),
  ],
  'resource-limits': [
    c('ISO/IEC 27001:2022', 'A.8.6', 'Capacity management'),
    c('NIST SP 800-53 Rev. 5', 'SC-5', 'Denial-of-service protection'),
    c('OWASP ASVS 4.0.3', 'V11.1.4', 'Anti-automation controls against excessive calls'),
    c('GDPR', 'Art. 32(1)(b)', 'Availability and resilience of processing systems'),
  ],
  'error-handling': [
    c('ISO/IEC 27001:2022', 'A.8.28', 'Secure coding'),
    c('NIST SP 800-53 Rev. 5', 'SI-11', 'Error handling'),
    c('OWASP ASVS 4.0.3', 'V7.4', 'Error handling'),
  ],
  cors: [
    c('NIST SP 800-53 Rev. 5', 'AC-4', 'Information flow enforcement'),
    c('OWASP ASVS 4.0.3', 'V14.5.3', 'CORS Access-Control-Allow-Origin uses a strict allow list'),
  ],
  ssrf: [
    c('ISO/IEC 27001:2022', 'A.8.28', 'Secure coding'),
    c('PCI DSS v4.0', '6.2.4', 'Software engineering techniques prevent common attacks'),
    c('NIST SP 800-53 Rev. 5', 'SC-7', 'Boundary protection'),
    c('OWASP ASVS 4.0.3', 'V12.6.1', 'Protection against server-side request forgery'),
  ],
  inventory: [
    c('SOC 2', 'CC6.1', 'Identifies and manages the inventory of information assets'),
    c('ISO/IEC 27001:2022', 'A.5.9', 'Inventory of information and other associated assets'),
    c('PCI DSS v4.0', '12.5.1', 'Inventory of system components in scope'),
    c('NIST SP 800-53 Rev. 5', 'CM-8', 'System component inventory'),
  ],
};

/** The controls a set of topics supports, each once, in framework order. */
export function controlsFor(topics: readonly SecurityTopic[]): Control[] {
  const order: Framework[] = ['SOC 2', 'ISO/IEC 27001:2022', 'PCI DSS v4.0', 'NIST SP 800-53 Rev. 5', 'OWASP ASVS 4.0.3', 'GDPR', 'HIPAA'];
  const seen = new Set<string>();
  const controls: Control[] = [];
  for (const topic of topics) {
    for (const control of TOPIC_CONTROLS[topic]) {
      const key = `${control.framework} ${control.id}`;
      if (!seen.has(key)) {
        seen.add(key);
        controls.push(control);
      }
    }
  }
  return controls.sort((a, b) => order.indexOf(a.framework) - order.indexOf(b.framework));
}
