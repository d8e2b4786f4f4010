import { randomBytes } from 'node:crypto';
import { SEED_AGENTS, SEED_CUSTOM_FIELDS, SEED_GROUPS } from './freshdesk-seed.js';

export interface SimulatedAgent {
  id: number;
  name: string;
  email: string;
  /** Only agents with a key can call the API. */
  apiKey?: string;
  /** 1 global access, 2 group access (their groups' tickets), 3 restricted (assigned to them). */
  ticketScope: 1 | 2 | 3;
  groupIds: number[];
  /** False for a role that may not view tickets at all: the ticket endpoints answer 403. */
  canViewTickets?: boolean;
  revoked?: boolean;
}

/** The account's admin (with an API key) and the agents tickets are assigned to. */
export function defaultAgents(domain: string): SimulatedAgent[] {
  return [
    { id: 67000001, name: 'Alex Morgan', email: `admin@${domain}.example`, apiKey: randomBytes(10).toString('base64url'), ticketScope: 1, groupIds: [...SEED_GROUPS] },
    ...SEED_AGENTS.map((agent, i) => ({
      id: agent.id,
      name: agent.name,
      email: `${agent.name.toLowerCase().replace(/[^a-z]+/g, '.')}@${domain}.example`,
      ticketScope: (i % 4 === 3 ? 2 : 1) as 1 | 2,
      groupIds: [agent.groupId],
    })),
  ];
}

const CREATED = '2024-06-03T08:00:00Z';

/** An agent as `GET /api/v2/agents` and `/agents/me` return it. */
export function agentJson(agent: SimulatedAgent) {
  return {
    available: true,
    occasional: false,
    id: agent.id,
    ticket_scope: agent.ticketScope,
    signature: null,
    group_ids: agent.groupIds,
    role_ids: [agent.id === 67000001 ? 67000201 : 67000202],
    skill_ids: [],
    available_since: null,
    type: 'support_agent',
    created_at: CREATED,
    updated_at: CREATED,
    last_active_at: null,
    contact: {
      active: true,
      email: agent.email,
      job_title: null,
      language: 'en',
      last_login_at: null,
      mobile: null,
      name: agent.name,
      phone: null,
      time_zone: 'UTC',
      created_at: CREATED,
      updated_at: CREATED,
    },
  };
}

const field = (id: number, name: string, label: string, type: string, position: number, isDefault: boolean, choices?: unknown) => ({
  id,
  name,
  label,
  description: null,
  position,
  required_for_closure: false,
  required_for_agents: false,
  type,
  default: isDefault,
  customers_can_edit: false,
  label_for_customers: label,
  required_for_customers: false,
  displayed_to_customers: isDefault,
  created_at: CREATED,
  updated_at: CREATED,
  ...(choices === undefined ? {} : { choices }),
});

/** `GET /api/v2/ticket_fields`: the default fields, then the custom `cf_*` ones. */
export function ticketFieldsJson() {
  return [
    field(67000401, 'requester', 'Search a requester', 'default_requester', 1, true),
    field(67000402, 'subject', 'Subject', 'default_subject', 2, true),
    field(67000403, 'ticket_type', 'Type', 'default_ticket_type', 3, true, ['Question', 'Incident', 'Problem', 'Feature Request', 'Refund']),
    field(67000404, 'source', 'Source', 'default_source', 4, true, { Email: 1, Portal: 2, Phone: 3, Chat: 7, 'Feedback Widget': 9, 'Outbound Email': 10 }),
    field(67000405, 'status', 'Status', 'default_status', 5, true, {
      2: ['Open', 'Being Processed'],
      3: ['Pending', 'Awaiting your Reply'],
      4: ['Resolved', 'This ticket has been Resolved'],
      5: ['Closed', 'This ticket has been Closed'],
      6: ['Waiting on third party', 'Being Processed'],
    }),
    field(67000406, 'priority', 'Priority', 'default_priority', 6, true, { Low: 1, Medium: 2, High: 3, Urgent: 4 }),
    field(67000407, 'group', 'Group', 'default_group', 7, true),
    field(67000408, 'agent', 'Agent', 'default_agent', 8, true),
    field(67000409, 'description', 'Description', 'default_description', 9, true),
    ...SEED_CUSTOM_FIELDS.map((f, i) => field(f.id, f.name, f.label, f.type, 10 + i, false, f.choices.length ? [...f.choices] : undefined)),
  ];
}
