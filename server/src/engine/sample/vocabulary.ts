// Word lists the generators draw from. Invented for this project; company names are combinations
// of ordinary words and all e-mail domains use the reserved .example top-level domain.

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'Elijah', 'Mia', 'Lucas',
  'Harper', 'Mateo', 'Evelyn', 'Levi', 'Aisha', 'Kenji', 'Priya', 'Arjun', 'Chloé', 'Lukas',
  'Freya', 'Jonas', 'Ingrid', 'Mohammed', 'Fatima', 'Diego', 'Lucía', 'Wei', 'Mei', 'Hiroshi',
  'Yuki', 'Sean', 'Siobhan', 'Grace', 'Daniel', 'Hannah', 'Samuel', 'Zoe', 'Nathan', 'Ava',
  'Isaac', 'Nora', 'Tomás', 'Elena', 'Marcus', 'Leah', 'Victor', 'Ruth', 'Omar', 'Clara',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson',
  'Anderson', 'Taylor', 'Moore', 'Lee', 'Walker', 'Young', 'King', 'Wright', 'Scott', 'Green',
  "O'Brien", "O'Connor", 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Dubois', 'Lefèvre', 'Janssen', 'de Vries',
  'Johansson', 'Lindqvist', 'Nakamura', 'Tanaka', 'Sato', 'Chen', 'Wang', 'Patel', 'Sharma', 'Khan',
  'Okafor', 'Mensah', 'Rossi', 'Bianchi', 'Novak', 'Kowalski', 'Silva', 'Costa', 'Murphy', 'Kelly',
] as const;

export const COMPANY_FIRST = [
  'Blue', 'Granite', 'Summit', 'Harbor', 'Cedar', 'Pioneer', 'Lumen', 'Vertex', 'Atlas', 'Copper',
  'Northstar', 'Redwood', 'Silverline', 'Bright', 'Evergreen', 'Ironclad', 'Keystone', 'Meridian', 'Nimbus', 'Orchard',
  'Pacific', 'Quarry', 'Riverbend', 'Sapphire', 'Tidewater', 'Union', 'Valley', 'Westfield', 'Yellowstone', 'Zenith',
] as const;

export const COMPANY_SECOND = [
  'Logistics', 'Health', 'Foods', 'Systems', 'Analytics', 'Robotics', 'Media', 'Energy', 'Partners', 'Labs',
  'Manufacturing', 'Hospitality', 'Clinics', 'Retail', 'Capital', 'Insurance', 'Schools', 'Freight', 'Pharma', 'Studios',
] as const;


/** Industry follows the second word of the company name where it says one. */
export const INDUSTRY_BY_WORD: Record<string, string> = {
  Logistics: 'Transportation', Freight: 'Transportation', Health: 'Healthcare', Clinics: 'Healthcare',
  Pharma: 'Healthcare', Foods: 'Food & Beverage', Hospitality: 'Hospitality', Retail: 'Retail',
  Capital: 'Financial Services', Insurance: 'Financial Services', Schools: 'Education', Media: 'Media',
  Studios: 'Media', Energy: 'Energy', Manufacturing: 'Manufacturing', Robotics: 'Manufacturing',
};
export const GENERIC_INDUSTRIES = ['Technology', 'Professional Services', 'Technology', 'Manufacturing', 'Retail'] as const;

export interface Country {
  code: string;
  currency: 'USD' | 'EUR' | 'GBP';
  /** Sales tax / VAT in basis points (2000 = 20 %). */
  taxBasisPoints: number;
  region: 'NA' | 'EU' | 'APAC';
  weight: number;
  /** Legal-form suffixes of company names there ('' for none). */
  legal: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  { code: 'US', currency: 'USD', taxBasisPoints: 725, region: 'NA', weight: 45, legal: ['Inc.', 'LLC', 'Co.', 'Group', ''] },
  { code: 'CA', currency: 'USD', taxBasisPoints: 500, region: 'NA', weight: 7, legal: ['Inc.', 'Ltd', ''] },
  { code: 'GB', currency: 'GBP', taxBasisPoints: 2000, region: 'EU', weight: 12, legal: ['Ltd', 'PLC', 'Group'] },
  { code: 'DE', currency: 'EUR', taxBasisPoints: 1900, region: 'EU', weight: 11, legal: ['GmbH', 'AG'] },
  { code: 'FR', currency: 'EUR', taxBasisPoints: 2000, region: 'EU', weight: 7, legal: ['SAS', 'SA'] },
  { code: 'NL', currency: 'EUR', taxBasisPoints: 2100, region: 'EU', weight: 5, legal: ['BV', 'NV'] },
  { code: 'SE', currency: 'EUR', taxBasisPoints: 2500, region: 'EU', weight: 3, legal: ['AB'] },
  { code: 'AU', currency: 'USD', taxBasisPoints: 1000, region: 'APAC', weight: 6, legal: ['Pty Ltd', 'Ltd'] },
  { code: 'JP', currency: 'USD', taxBasisPoints: 1000, region: 'APAC', weight: 4, legal: ['K.K.', 'Co., Ltd.'] },
];

export const ACCOUNT_NAMES = ['Headquarters', 'EMEA', 'Engineering', 'IT Operations', 'Procurement', 'Research'] as const;

export const TAGS: readonly { name: string; color: string }[] = [
  { name: 'enterprise', color: '#1f6feb' },
  { name: 'mid-market', color: '#8957e5' },
  { name: 'smb', color: '#2da44e' },
  { name: 'churn-risk', color: '#cf222e' },
  { name: 'reference-customer', color: '#bf8700' },
  { name: 'partner', color: '#0a7ea4' },
  { name: 'beta-tester', color: '#e16f24' },
  { name: 'public-sector', color: '#57606a' },
  { name: 'renewal-due', color: '#d4a72c' },
  { name: 'upsell-target', color: '#1a7f37' },
];

export const ORDER_NOTES = [
  'Deliver to loading dock B.',
  'Call ahead before delivery.',
  'Ship together with the previous back-ordered items.',
  'Invoice must show our PO number.',
  'Install during the weekend maintenance window.',
  'Leave with building security if nobody is on site.',
] as const;

export const TICKET_SUBJECTS_ORDER = [
  'Order arrived with a damaged box',
  'Missing item in my order',
  'Wrong power adapter shipped',
  'Tracking number does not work',
  'Need a copy of the packing slip',
  'Switch fails to boot after unboxing',
  'Request to change delivery address',
] as const;

export const TICKET_SUBJECTS_GENERAL = [
  'Cannot sign in to the portal',
  'How do I set up SSO with Okta?',
  'Question about my latest invoice',
  'Please add five more seats',
  'Firmware update failed on access point',
  'VPN tunnel drops every few hours',
  'Dashboard shows no data since yesterday',
  'Export to CSV times out',
  'API rate limit too low for our integration',
  'Two-factor codes not arriving',
  'Need to transfer account ownership',
  'Feature request: dark mode',
] as const;

export const CUSTOMER_COMMENTS = [
  'Any update on this? It is blocking our team.',
  'Thanks, that worked.',
  'We tried that already, same result.',
  'Attached the logs you asked for.',
  'Can someone call me about this?',
  'This started after the last update.',
  'Confirmed fixed on our side, you can close it.',
] as const;

export const EMPLOYEE_COMMENTS = [
  'Thanks for reaching out, I am looking into it now.',
  'Could you send us the serial number of the device?',
  'I have escalated this to our engineering team.',
  'A replacement unit ships today; tracking to follow.',
  'Please try a factory reset and let us know.',
  'This is fixed in firmware 4.2.1, released today.',
  'Closing this ticket; reply to reopen it.',
] as const;

export const INTERNAL_NOTES = [
  'Known issue, see incident review from last week.',
  'Customer is up for renewal; handle with priority.',
  'Reproduced in the lab with the same firmware.',
  'Refund approved by the support lead.',
] as const;
