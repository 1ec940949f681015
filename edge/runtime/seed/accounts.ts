// Ledgerly's customers as its CRM knows them: the demo workspace's accounts and their people, and the risk each one is there to show.
import type { PatternId } from '../../risk/types';

export interface SeedUser {
  /** The id Ledgerly's own code passes to identify(); demo-app/personas.js uses the same ones. */
  id: string;
  name: string;
  role: 'admin' | 'member';
  /** When they joined the account, in days before the seed's `now`: under 14 is a new member (DEFAULT_LIMITS.newUserDays). */
  joinedDaysAgo: number;
  /** Uses Ledgerly every day; carries a large share of the account's activity. */
  powerUser?: boolean;
}

export type SeedTier = 'free' | 'pro' | 'enterprise' | 'vip';

export interface SeedAccount {
  id: string;
  name: string;
  domain: string;
  tier: SeedTier;
  plan: 'free' | 'pro' | 'team' | 'enterprise';
  arr: number;
  /** Days from `now` to the renewal; null for free accounts, which do not renew. */
  renewalInDays: number | null;
  owner: string | null;
  csm: string | null;
  /** What the CRM believes, which is often rosier than what Forestall sees. */
  health: 'green' | 'yellow' | 'red' | null;
  healthScore: number | null;
  country: string;
  partner?: boolean;
  users: SeedUser[];
  /** SDK events on an ordinary weekday, all users together. */
  dailyEvents: number;
  /** The risk pattern this account is in the demo to show, or 'healthy'. */
  shows: PatternId | 'healthy';
}

const MAYA = 'maya.brooks@ledgerly.example';
const JON = 'jon.ellis@ledgerly.example';
const PRIYA_S = 'priya.shah@ledgerly.example';
const SALES_ENT = 'alex.romero@ledgerly.example';
const SALES_SMB = 'dana.wu@ledgerly.example';

export const SEED_ACCOUNTS: SeedAccount[] = [
  {
    id: 'acct_acme',
    name: 'Acme Logistics',
    domain: 'acmelogistics.example',
    tier: 'enterprise',
    plan: 'enterprise',
    arr: 96_000,
    renewalInDays: 41,
    owner: SALES_ENT,
    csm: MAYA,
    health: 'green',
    healthScore: 78,
    country: 'US',
    dailyEvents: 80,
    shows: 'unresolved_stack',
    users: [
      { id: 'u_ana', name: 'Ana Ortiz', role: 'admin', joinedDaysAgo: 610, powerUser: true },
      { id: 'u_tom', name: 'Tom Becker', role: 'member', joinedDaysAgo: 402 },
      { id: 'u_grace', name: 'Grace Liu', role: 'member', joinedDaysAgo: 288 },
      { id: 'u_marcus', name: 'Marcus Reed', role: 'admin', joinedDaysAgo: 540 },
      { id: 'u_omar', name: 'Omar Haddad', role: 'member', joinedDaysAgo: 133 },
      { id: 'u_ivy', name: 'Ivy Nguyen', role: 'member', joinedDaysAgo: 6 },
    ],
  },
  {
    id: 'acct_brightwave',
    name: 'Brightwave Media',
    domain: 'brightwavemedia.example',
    tier: 'pro',
    plan: 'pro',
    arr: 22_800,
    renewalInDays: 150,
    owner: SALES_SMB,
    csm: JON,
    health: 'green',
    healthScore: 80,
    country: 'GB',
    dailyEvents: 40,
    shows: 'repeat_contact',
    users: [
      { id: 'u_chloe', name: 'Chloe Martin', role: 'admin', joinedDaysAgo: 720, powerUser: true },
      { id: 'u_ravi', name: 'Ravi Patel', role: 'member', joinedDaysAgo: 365 },
      { id: 'u_ella', name: 'Ella Brooks', role: 'member', joinedDaysAgo: 190 },
      { id: 'u_noah', name: 'Noah Kim', role: 'member', joinedDaysAgo: 75 },
    ],
  },
  {
    id: 'acct_harbor',
    name: 'Harbor Coffee Roasters',
    domain: 'harborcoffee.example',
    tier: 'pro',
    plan: 'pro',
    arr: 6_000,
    renewalInDays: 95,
    owner: SALES_SMB,
    csm: JON,
    health: 'yellow',
    healthScore: 62,
    country: 'US',
    dailyEvents: 22,
    shows: 'low_csat_reengagement',
    users: [
      { id: 'u_lucia', name: 'Lucia Romero', role: 'admin', joinedDaysAgo: 480, powerUser: true },
      { id: 'u_ben', name: 'Ben Carter', role: 'member', joinedDaysAgo: 300 },
      { id: 'u_aisha', name: 'Aisha Bello', role: 'member', joinedDaysAgo: 120 },
    ],
  },
  {
    id: 'acct_orchid',
    name: 'Orchid Dental Group',
    domain: 'orchiddental.example',
    tier: 'enterprise',
    plan: 'enterprise',
    arr: 140_000,
    renewalInDays: 25,
    owner: SALES_ENT,
    csm: MAYA,
    health: 'green',
    healthScore: 74,
    country: 'US',
    dailyEvents: 90,
    shows: 'tone_drift',
    users: [
      { id: 'u_helen', name: 'Helen Park', role: 'admin', joinedDaysAgo: 800 },
      { id: 'u_victor', name: 'Victor Alves', role: 'admin', joinedDaysAgo: 650, powerUser: true },
      { id: 'u_sofia', name: 'Sofia Rossi', role: 'member', joinedDaysAgo: 430 },
      { id: 'u_james', name: 'James Wright', role: 'member', joinedDaysAgo: 260 },
      { id: 'u_nina', name: 'Nina Kowalski', role: 'member', joinedDaysAgo: 170 },
      { id: 'u_lars', name: 'Lars Jensen', role: 'member', joinedDaysAgo: 10 },
    ],
  },
  {
    id: 'acct_kestrel',
    name: 'Kestrel Freight',
    domain: 'kestrelfreight.example',
    tier: 'pro',
    plan: 'team',
    arr: 36_000,
    renewalInDays: 200,
    owner: SALES_SMB,
    csm: PRIYA_S,
    health: 'green',
    healthScore: 81,
    country: 'SE',
    dailyEvents: 55,
    shows: 'account_volume',
    users: [
      { id: 'u_erik', name: 'Erik Lindqvist', role: 'admin', joinedDaysAgo: 560, powerUser: true },
      { id: 'u_fatima', name: 'Fatima Zahra', role: 'member', joinedDaysAgo: 330 },
      { id: 'u_george', name: 'George Adams', role: 'member', joinedDaysAgo: 210 },
      { id: 'u_hana', name: 'Hana Sato', role: 'member', joinedDaysAgo: 95 },
      { id: 'u_pablo', name: 'Pablo Ruiz', role: 'member', joinedDaysAgo: 4 },
    ],
  },
  {
    id: 'acct_fjord',
    name: 'Fjord Analytics',
    domain: 'fjordanalytics.example',
    tier: 'pro',
    plan: 'pro',
    arr: 30_000,
    renewalInDays: 52,
    owner: SALES_SMB,
    csm: PRIYA_S,
    health: 'green',
    healthScore: 85,
    country: 'NO',
    dailyEvents: 100,
    shows: 'usage_drop',
    users: [
      { id: 'u_sam', name: 'Sam Okafor', role: 'admin', joinedDaysAgo: 700, powerUser: true },
      { id: 'u_ingrid', name: 'Ingrid Berg', role: 'member', joinedDaysAgo: 520 },
      { id: 'u_tobias', name: 'Tobias Hahn', role: 'member', joinedDaysAgo: 310 },
      { id: 'u_maya', name: 'Maya Singh', role: 'member', joinedDaysAgo: 140 },
    ],
  },
  {
    id: 'acct_lumen',
    name: 'Lumen Architects GmbH',
    domain: 'lumen-architekten.example',
    tier: 'pro',
    plan: 'pro',
    arr: 12_000,
    renewalInDays: 130,
    owner: SALES_SMB,
    csm: JON,
    health: 'green',
    healthScore: 77,
    country: 'DE',
    dailyEvents: 32,
    shows: 'in_product_friction',
    users: [
      { id: 'u_klara', name: 'Klara Vogel', role: 'admin', joinedDaysAgo: 390, powerUser: true },
      { id: 'u_jonas', name: 'Jonas Weber', role: 'member', joinedDaysAgo: 220 },
      { id: 'u_felix', name: 'Felix Braun', role: 'member', joinedDaysAgo: 150 },
    ],
  },
  {
    id: 'acct_tidepool',
    name: 'Tidepool Swim School',
    domain: 'tidepoolswim.example',
    tier: 'pro',
    plan: 'pro',
    arr: 3_600,
    renewalInDays: 320,
    owner: SALES_SMB,
    csm: PRIYA_S,
    health: null,
    healthScore: null,
    country: 'AU',
    dailyEvents: 20,
    shows: 'resolved_still_confused',
    users: [
      { id: 'u_rosa', name: 'Rosa Delgado', role: 'admin', joinedDaysAgo: 48 },
      { id: 'u_priya', name: 'Priya Raman', role: 'member', joinedDaysAgo: 9 },
      { id: 'u_kai', name: 'Kai Thompson', role: 'member', joinedDaysAgo: 40 },
    ],
  },
  {
    id: 'acct_quarry',
    name: 'Quarry Construction',
    domain: 'quarryconstruction.example',
    tier: 'enterprise',
    plan: 'enterprise',
    arr: 210_000,
    renewalInDays: 118,
    owner: SALES_ENT,
    csm: MAYA,
    health: 'yellow',
    healthScore: 58,
    country: 'US',
    dailyEvents: 70,
    shows: 'guardrail',
    users: [
      { id: 'u_diego', name: 'Diego Alvarez', role: 'admin', joinedDaysAgo: 900 },
      { id: 'u_paul', name: 'Paul Dubois', role: 'admin', joinedDaysAgo: 610, powerUser: true },
      { id: 'u_laura', name: 'Laura Chen', role: 'member', joinedDaysAgo: 380 },
      { id: 'u_mike', name: "Mike O'Brien", role: 'member', joinedDaysAgo: 240 },
      { id: 'u_zoe', name: 'Zoe Turner', role: 'member', joinedDaysAgo: 60 },
    ],
  },
  {
    id: 'acct_redline',
    name: 'Redline Media',
    domain: 'redlinemedia.example',
    tier: 'pro',
    plan: 'pro',
    arr: 14_400,
    renewalInDays: 19,
    owner: SALES_SMB,
    csm: JON,
    health: 'yellow',
    healthScore: 55,
    country: 'CA',
    dailyEvents: 28,
    shows: 'guardrail',
    users: [
      { id: 'u_jordan', name: 'Jordan Blake', role: 'admin', joinedDaysAgo: 500, powerUser: true },
      { id: 'u_tessa', name: 'Tessa Moore', role: 'member', joinedDaysAgo: 280 },
      { id: 'u_ali', name: 'Ali Hassan', role: 'member', joinedDaysAgo: 90 },
    ],
  },
  {
    id: 'acct_vertex',
    name: 'Vertex Partners',
    domain: 'vertexpartners.example',
    tier: 'vip',
    plan: 'enterprise',
    arr: 180_000,
    renewalInDays: 270,
    owner: SALES_ENT,
    csm: MAYA,
    health: 'green',
    healthScore: 90,
    country: 'NL',
    partner: true,
    dailyEvents: 65,
    shows: 'guardrail',
    users: [
      { id: 'u_lena', name: 'Lena Fischer', role: 'admin', joinedDaysAgo: 840 },
      { id: 'u_daniel', name: 'Daniel Cho', role: 'admin', joinedDaysAgo: 700, powerUser: true },
      { id: 'u_arjun', name: 'Arjun Mehta', role: 'member', joinedDaysAgo: 410 },
      { id: 'u_elise', name: 'Elise Laurent', role: 'member', joinedDaysAgo: 230 },
    ],
  },
  {
    id: 'acct_meadowlark',
    name: 'Meadowlark Farms',
    domain: 'meadowlarkfarms.example',
    tier: 'free',
    plan: 'free',
    arr: 0,
    renewalInDays: null,
    owner: null,
    csm: null,
    health: null,
    healthScore: null,
    country: 'IE',
    dailyEvents: 16,
    shows: 'healthy',
    users: [
      { id: 'u_mia', name: 'Mia Chen', role: 'admin', joinedDaysAgo: 260, powerUser: true },
      { id: 'u_luke', name: 'Luke Harper', role: 'member', joinedDaysAgo: 200 },
    ],
  },
  {
    id: 'acct_sable',
    name: 'Sable & Finch Bookkeeping',
    domain: 'sablefinch.example',
    tier: 'pro',
    plan: 'pro',
    arr: 9_600,
    renewalInDays: 75,
    owner: SALES_SMB,
    csm: JON,
    health: 'green',
    healthScore: 88,
    country: 'GB',
    dailyEvents: 36,
    shows: 'healthy',
    users: [
      { id: 'u_olivia', name: 'Olivia Grant', role: 'admin', joinedDaysAgo: 900, powerUser: true },
      { id: 'u_henry', name: 'Henry Walsh', role: 'member', joinedDaysAgo: 450 },
      { id: 'u_amara', name: 'Amara Obi', role: 'member', joinedDaysAgo: 160 },
    ],
  },
];

/** Ledgerly's support agents, who answer the tickets. */
export const SEED_AGENTS = [
  { id: 'agent_rita', name: 'Rita' },
  { id: 'agent_devon', name: 'Devon' },
  { id: 'agent_kim', name: 'Kim' },
] as const;

export const emailOf = (account: SeedAccount, user: SeedUser): string =>
  `${user.name.split(' ')[0]!.toLowerCase().replace(/[^a-z]/g, '')}@${account.domain}`;
