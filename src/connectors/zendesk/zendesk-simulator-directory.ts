import type { ServerResponse } from 'node:http';
import { SEED_AGENTS, SEED_CUSTOM_FIELDS } from './zendesk-seed.js';

/** A user of the simulated account as the users endpoint lists it. */
export interface SimulatedPerson {
  id: number;
  name: string;
  email: string;
  role: 'end-user' | 'agent' | 'admin';
  /** False once deleted. */
  active: boolean;
}

export interface SimulatedTicketField {
  id: number;
  type: string;
  title: string;
  active: boolean;
  /** False for system fields (they are not in a ticket's `custom_fields`). */
  removable: boolean;
  options?: string[];
}

/** Names for the agents seeded tickets are assigned to (SEED_AGENTS, in order). */
export const SEED_AGENT_NAMES = ['Ann Lee', 'Bo Chen', 'Carla Díaz', 'David Okafor', 'Eva Novak', 'Farid Haddad', 'Grace Kim', 'Hugo Silva', 'Ines Moreau', 'Jonas Berg', 'Keiko Tanaka', 'Liam Walsh'] as const;

const SYSTEM_FIELDS: Array<[number, string, string]> = [
  [360100, 'subject', 'Subject'],
  [360101, 'description', 'Description'],
  [360102, 'status', 'Status'],
  [360103, 'tickettype', 'Type'],
  [360104, 'priority', 'Priority'],
  [360105, 'group', 'Group'],
  [360106, 'assignee', 'Assignee'],
];

const CREATED = '2024-06-03T08:00:00Z';
const MAX_PAGE_SIZE = 100;

/**
 * The simulated account's people and ticket fields, served as Zendesk's users and ticket-fields
 * endpoints do: cursor pagination (`page[size]` up to 100, `meta.has_more`/`after_cursor`,
 * `page[after]`), offset pagination without it, `role`/`role[]` filters. The seeded agents are
 * those tickets are assigned to; the custom fields those tickets carry.
 */
export class ZendeskDirectory {
  readonly people: SimulatedPerson[];
  readonly fields: SimulatedTicketField[];

  constructor(
    private readonly subdomain: string,
    accountUsers: ReadonlyArray<{ id: number; email: string; role: 'admin' | 'agent' }>,
  ) {
    this.people = [
      ...accountUsers.map((u) => ({ id: u.id, name: u.email.split('@')[0]!, email: u.email, role: u.role, active: true })),
      ...SEED_AGENTS.map((id, i) => {
        const name = SEED_AGENT_NAMES[i] ?? `Agent ${id}`;
        return { id, name, email: `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/ /g, '.')}@${subdomain}.example`, role: 'agent' as const, active: true };
      }),
      // Customers are users too: the role filter keeps them out of the directory.
      { id: 900001, name: 'Pat Customer', email: `pat@customer.example`, role: 'end-user', active: true },
      { id: 900002, name: 'Sam Requester', email: `sam@customer.example`, role: 'end-user', active: true },
    ];
    this.fields = [
      ...SYSTEM_FIELDS.map(([id, type, title]) => ({ id, type, title, active: true, removable: false })),
      { id: SEED_CUSTOM_FIELDS.plan, type: 'tagger', title: 'Plan', active: true, removable: true, options: ['gold', 'silver', 'bronze'] },
      { id: SEED_CUSTOM_FIELDS.region, type: 'tagger', title: 'Region', active: true, removable: true, options: ['emea', 'amer', 'apac'] },
      { id: SEED_CUSTOM_FIELDS.escalated, type: 'checkbox', title: 'Escalated', active: true, removable: true },
    ];
  }

  /** Adds a person (an agent by default); returns them. */
  addPerson(person: Omit<SimulatedPerson, 'active' | 'role'> & { role?: SimulatedPerson['role'] }): SimulatedPerson {
    const added = { role: 'agent' as const, active: true, ...person };
    this.people.push(added);
    return added;
  }

  renamePerson(id: number, name: string): void {
    this.#person(id).name = name;
  }

  /** Deletes a person: Zendesk keeps the user, inactive. */
  deletePerson(id: number): void {
    this.#person(id).active = false;
  }

  renameField(id: number, title: string): void {
    this.#field(id).title = title;
  }

  /** Deletes a custom field: it is no longer listed. */
  deleteField(id: number): void {
    this.fields.splice(this.fields.indexOf(this.#field(id)), 1);
  }

  /** Answers the users and ticket-fields lists; false for any other path. */
  answer(url: URL, res: ServerResponse, json: (res: ServerResponse, status: number, body: unknown) => void): boolean {
    const path = url.pathname.replace(/\.json$/, '');
    if (path === '/api/v2/users') {
      const roles = [...url.searchParams.getAll('role[]'), ...url.searchParams.getAll('role')];
      const people = this.people.filter((p) => p.active && (roles.length === 0 || roles.includes(p.role))).sort((a, b) => a.id - b.id);
      this.#answerPage(url, res, json, 'users', people.map((p) => this.#personJson(p)));
      return true;
    }
    if (path === '/api/v2/ticket_fields') {
      this.#answerPage(url, res, json, 'ticket_fields', [...this.fields].sort((a, b) => a.id - b.id).map((f) => this.#fieldJson(f)));
      return true;
    }
    return false;
  }

  #answerPage(url: URL, res: ServerResponse, json: (res: ServerResponse, status: number, body: unknown) => void, key: string, items: unknown[]): void {
    const page = this.#page(url, key, items);
    if (page) json(res, 200, page);
    else json(res, 400, { error: 'InvalidPaginationParameter', description: 'page[after] is not a cursor this endpoint issued' });
  }

  #page(url: URL, key: string, items: unknown[]): Record<string, unknown> | null {
    const base = `https://${this.subdomain}.zendesk.com${url.pathname}`;
    const size = url.searchParams.get('page[size]');
    if (size === null) {
      // Offset pagination, 100 a page, as without page[size].
      const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
      const slice = items.slice((page - 1) * MAX_PAGE_SIZE, page * MAX_PAGE_SIZE);
      const more = page * MAX_PAGE_SIZE < items.length;
      return { [key]: slice, next_page: more ? `${base}?page=${page + 1}` : null, previous_page: page > 1 ? `${base}?page=${page - 1}` : null, count: items.length };
    }
    const perPage = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(size) || MAX_PAGE_SIZE));
    const after = url.searchParams.get('page[after]');
    const start = after ? decodeCursor(after) : 0;
    if (start === null) return null;
    const slice = items.slice(start, start + perPage);
    const hasMore = start + perPage < items.length;
    const afterCursor = slice.length ? encodeCursor(start + slice.length) : null;
    const beforeCursor = slice.length ? encodeCursor(start) : null;
    return {
      [key]: slice,
      meta: { has_more: hasMore, after_cursor: afterCursor, before_cursor: beforeCursor },
      links: { next: hasMore && afterCursor ? `${base}?page%5Bafter%5D=${afterCursor}&page%5Bsize%5D=${perPage}` : null, prev: null },
    };
  }

  #personJson(p: SimulatedPerson) {
    return {
      id: p.id,
      url: `https://${this.subdomain}.zendesk.com/api/v2/users/${p.id}.json`,
      name: p.name,
      email: p.email,
      created_at: CREATED,
      updated_at: CREATED,
      time_zone: 'UTC',
      locale: 'en-US',
      role: p.role,
      role_type: null,
      active: p.active,
      verified: true,
      suspended: false,
      shared: false,
      restricted_agent: p.role === 'end-user',
      default_group_id: p.role === 'end-user' ? null : 7001,
      tags: [],
    };
  }

  #fieldJson(f: SimulatedTicketField) {
    return {
      id: f.id,
      url: `https://${this.subdomain}.zendesk.com/api/v2/ticket_fields/${f.id}.json`,
      type: f.type,
      title: f.title,
      raw_title: f.title,
      description: '',
      position: f.id,
      active: f.active,
      required: false,
      removable: f.removable,
      visible_in_portal: !f.removable,
      editable_in_portal: false,
      created_at: CREATED,
      updated_at: CREATED,
      ...(f.options ? { custom_field_options: f.options.map((value, i) => ({ id: f.id * 10 + i, name: value.charAt(0).toUpperCase() + value.slice(1), raw_name: value, value, default: false })) } : {}),
    };
  }

  #person(id: number): SimulatedPerson {
    const person = this.people.find((p) => p.id === id);
    if (!person) throw new Error(`user ${id} does not exist`);
    return person;
  }

  #field(id: number): SimulatedTicketField {
    const field = this.fields.find((f) => f.id === id);
    if (!field) throw new Error(`ticket field ${id} does not exist`);
    return field;
  }
}

function encodeCursor(index: number): string {
  return Buffer.from(JSON.stringify({ o: index })).toString('base64url');
}

function decodeCursor(cursor: string): number | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    return typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : null;
  } catch {
    return null;
  }
}
