const NAMES: Record<string, string> = {
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  intercom: 'Intercom',
  aircall: 'Aircall',
  genesys: 'Genesys Cloud',
  talkdesk: 'Talkdesk',
  sandbox: 'Sandbox',
  file: 'File',
  push: 'Push API',
};

/** A platform's display name from its id (contacts carry only the id). */
export function platformName(id: string): string {
  return NAMES[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}
