/**
 * Test Company: a small tenant (12 accounts, two people) where the owner still runs a few accounts.
 * Every health status, every playbook trigger, one churn, two expansions and two contractions.
 */
import { STEADY, STRUGGLING, THRIVING, type TenantStory } from '../story';

export const TEST_COMPANY: TenantStory = {
  slug: 'test-company',
  name: 'Test Company',
  users: [
    { key: 'owner', email: 'owner@testcompany.example', name: 'Morgan Reyes', role: 'owner', login: true },
    { key: 'csm', email: 'csm@testcompany.example', name: 'Sam Patel', role: 'csm', login: true },
  ],
  accounts: [
    {
      name: 'Northwind Logistics',
      segment: 'Enterprise',
      owner: 'csm',
      renewal: '2026-04-30',
      story: 'Model customer: seats full and promoters rising all year; ripe for an expansion conversation.',
      arr: [['2025-03', 420_000]],
      levels: { ...THRIVING, license_utilization: [86, 91], nps: [40, 52], first_response_hours: 5.5 },
    },
    {
      name: 'Bluefin Analytics',
      segment: 'Mid-Market',
      owner: 'csm',
      renewal: '2026-05-31',
      story: 'Expanded in June after an Expansion Timing play (+37.5%); the new seats are still filling up.',
      arr: [
        ['2025-03', 96_000],
        ['2025-06', 132_000],
      ],
      levels: {
        ...THRIVING,
        // Utilization falls when the seat count grows, then climbs back as teams onboard.
        license_utilization: [92, 93, 94, 81.5, 82.5, 83, 83],
        nps: [38, 42, 46, 48, 50, 50, 51],
        nrr: [108, 109, 110, 137, 138, 138, 139],
      },
    },
    {
      name: 'Harborview Health',
      segment: 'Enterprise',
      owner: 'owner',
      renewal: '2025-11-30',
      story:
        'Users love it, but a divested business unit cut the contract in May: NRR is red, so the critical rule ' +
        'caps a 91 at yellow ahead of the November renewal.',
      arr: [
        ['2025-03', 310_000],
        ['2025-05', 265_000],
      ],
      levels: { ...THRIVING, nrr: [104, 103, 88, 87, 86, 86, 85] },
    },
    {
      name: 'Pinecrest Credit Union',
      segment: 'Mid-Market',
      owner: 'csm',
      renewal: '2026-01-15',
      story:
        'Lost its champion in September: stakeholders, sponsor meetings and touches fell at once, green to ' +
        'yellow with a January renewal ahead.',
      arr: [['2025-03', 72_000]],
      levels: {
        ...THRIVING,
        license_utilization: 83,
        dau_mau: [32, 32, 31, 31, 30, 30, 21],
        nps: [42, 42, 40, 40, 38, 36, 22],
        survey_response_rate: [34, 34, 33, 33, 32, 32, 21],
        exec_sponsor_meetings: [2.6, 3, 2.6, 2.6, 2.4, 2.4, 0],
        days_since_last_touch: [9, 10, 8, 11, 9, 12, 33],
        active_stakeholders: [7, 7, 7, 7, 7, 6, 2],
        qbr_attendance: [90, 90, 88, 88, 86, 86, 42],
      },
    },
    {
      name: 'Copperline Manufacturing',
      segment: 'Enterprise',
      owner: 'csm',
      renewal: '2026-08-31',
      story:
        'A botched September upgrade: first response jumped from ~6 h to 31 h (an anomaly), escalations and ' +
        'SLA breaches followed, and promoters turned detractors.',
      arr: [['2025-03', 260_000]],
      levels: {
        ...STEADY,
        first_response_hours: [6, 5.5, 7, 6, 5.5, 6.5, 6],
        escalations: [1.2, 1, 1.8, 1.2, 1, 1.6, 5],
        sla_breach_rate: [6, 7, 6.5, 7, 6, 7.5, 19],
        nps: [12, 10, 9, 8, 6, 4, -9],
        csat: [88, 87, 86, 86, 86, 86, 72],
      },
      spikes: [{ kpi: 'first_response_hours', month: '2025-09', value: 31.5 }],
    },
    {
      name: 'Lumen Learning Co',
      segment: 'SMB',
      owner: 'owner',
      renewal: '2025-12-31',
      story:
        'Never got going: seats unused, the key feature untouched, 74 days to first value; renews at year end ' +
        'and an Activation Blitz has just started.',
      arr: [['2025-03', 18_000]],
      levels: {
        ...STEADY,
        license_utilization: [55, 53, 51, 49, 48, 46, 45],
        feature_adoption: [38, 36, 34, 33, 31, 30, 29],
        time_to_value_days: 74,
        exec_sponsor_meetings: 0,
        days_since_last_touch: [28, 30, 31, 33, 34, 35, 36],
        qbr_attendance: 40,
      },
    },
    {
      name: 'Sagebrush Outfitters',
      segment: 'SMB',
      owner: 'csm',
      renewal: '2025-07-31',
      story: 'Red all spring and did not renew in July: ARR 0 from August, and no usage data since.',
      arr: [['2025-03', 14_000]],
      churnedIn: '2025-08',
      levels: { ...STRUGGLING, license_utilization: [50, 46, 42, 38, 33] },
    },
    {
      name: 'Granite Peak Software',
      segment: 'Mid-Market',
      owner: 'csm',
      renewal: '2026-06-30',
      story:
        'Turned around: a May VoC Sprint fixed the detractors’ top complaint, and the account climbed from red ' +
        'to green, crossing in September.',
      arr: [['2025-03', 110_000]],
      levels: {
        ...STEADY,
        license_utilization: [62, 64, 66, 70, 73, 76, 82],
        dau_mau: [18, 19, 20, 22, 23, 24, 26.5],
        feature_adoption: [44, 46, 50, 54, 57, 58, 63],
        nps: [-12, -8, -6, 20, 24, 27, 34],
        csat: [66, 68, 69, 80, 83, 84, 88],
        survey_response_rate: [17, 18, 20, 26, 28, 29, 33],
        days_since_last_touch: [34, 33, 22, 14, 12, 11, 9],
        exec_sponsor_meetings: [0, 0, 1, 1, 1, 1, 2.4],
        qbr_attendance: [45, 45, 60, 70, 75, 78, 85],
        nrr: [101, 101, 102, 104, 106, 107, 111],
      },
    },
    {
      name: 'Meridian Freight',
      segment: 'Enterprise',
      owner: 'owner',
      renewal: '2026-03-31',
      story: 'Steady but souring: CSAT slid below 70 over the summer after a price increase.',
      arr: [['2025-03', 380_000]],
      levels: { ...STEADY, csat: [80, 78, 76, 73, 69, 67, 66] },
    },
    {
      name: 'Oakridge Dental Group',
      segment: 'SMB',
      owner: 'csm',
      renewal: '2026-02-28',
      story:
        'A small practice group that added two clinics in August (+$6k); no QBRs, and surveys only now and then.',
      arr: [
        ['2025-03', 24_000],
        ['2025-08', 30_000],
      ],
      levels: { ...STEADY, nrr: [102, 102, 103, 103, 104, 125, 125] },
      missing: { qbr_attendance: 'all', survey_response_rate: ['2025-04', '2025-06'] },
    },
    {
      name: 'Vantage Media',
      segment: 'Mid-Market',
      owner: 'csm',
      renewal: '2026-09-30',
      story:
        'Went live in March, so its first month has product usage only (status unknown); green ever since.',
      arr: [['2025-03', 64_000]],
      levels: { ...THRIVING, license_utilization: [70, 76, 80, 82, 83, 83, 83], nps: 36 },
      partial: {
        '2025-03': [
          'license_utilization',
          'dau_mau',
          'feature_adoption',
          'time_to_value_days',
          'tickets_per_100_users',
        ],
      },
    },
    {
      name: 'Riverstone Insurance',
      segment: 'Enterprise',
      owner: 'csm',
      renewal: '2025-10-31',
      story:
        'Seats never filled: a June Activation Blitz moved utilization from 52 to 58, short of 70; cut 50 seats ' +
        'in August and renews in October.',
      arr: [
        ['2025-03', 350_000],
        ['2025-08', 300_000],
      ],
      levels: {
        ...STEADY,
        license_utilization: [56, 54, 52, 55, 58, 57, 58],
        feature_adoption: 45,
        nrr: [104, 103, 103, 102, 102, 89, 88],
      },
    },
  ],
  // The Nth listed step is the Nth step of the playbook's definition (PLAYBOOKS), checked off in order.
  runs: [
    {
      playbook: 'expansion-timing',
      account: 'Bluefin Analytics',
      status: 'completed',
      started: '2025-04-07',
      ended: '2025-06-30',
      met: true,
      steps: [
        ['2025-04-09', 'Three teams at the seat cap; the data team is asking for access.'],
        ['2025-04-18', 'Case study: month-end reporting down from 5 days to 2.'],
        ['2025-04-25', 'Proposal: 40 seats for the data team.'],
        ['2025-05-16'],
        ['2025-06-02', 'Signed: +$36k ARR from June.'],
      ],
    },
    {
      playbook: 'voc-sprint',
      account: 'Granite Peak Software',
      status: 'completed',
      started: '2025-05-05',
      ended: '2025-06-30',
      met: true,
      steps: [
        ['2025-05-07', 'Detractor comments: slow report exports, again and again.'],
        ['2025-05-16', 'Interviewed 5 users and the sponsor.'],
        ['2025-05-23'],
        ['2025-05-30', 'Export fix shipped in 5.12; shared the plan with the sponsor.'],
        ['2025-06-13'],
        ['2025-06-27', 'Pulse survey sent.'],
      ],
    },
    {
      playbook: 'activation-blitz',
      account: 'Riverstone Insurance',
      status: 'completed',
      started: '2025-06-02',
      ended: '2025-07-15',
      met: false,
      steps: [
        ['2025-06-04', 'The claims team was never invited: 120 seats idle.'],
        ['2025-06-09'],
        ['2025-06-18', 'SSO group for claims created.'],
        ['2025-07-08', 'Two onboarding webinars, 35 attendees.'],
      ],
      note: 'Utilization rose only to 58%; the idle seats were cut at the August true-up.',
    },
    {
      playbook: 'activation-blitz',
      account: 'Lumen Learning Co',
      status: 'active',
      started: '2025-09-08',
      steps: [
        ['2025-09-09', 'Half the seats have never logged in.'],
        ['2025-09-19', 'Targets agreed with the new admin: 70% utilization by November.'],
      ],
    },
    {
      playbook: 'renewal-safeguard',
      account: 'Riverstone Insurance',
      status: 'active',
      started: '2025-09-02',
      steps: [
        ['2025-09-03', 'Top risks: idle seats, a new CFO, a competitor pilot.'],
        ['2025-09-12', 'Exec alignment call held.'],
        ['2025-09-26'],
      ],
    },
    {
      playbook: 'sla-stabilizer',
      account: 'Copperline Manufacturing',
      status: 'active',
      started: '2025-09-22',
      steps: [['2025-09-23', 'Every upgrade ticket has an owner; daily triage with the support lead.']],
    },
  ],
};
