/** What seeded help-desk tickets are about and tagged with, the same on every ticketing platform. */
export const SEED_SUBJECTS = [
  'Refund for order',
  'Cannot log in to my account',
  'Package arrived damaged',
  'Question about my invoice',
  'Change delivery address',
  'App crashes on start',
  'Upgrade my plan',
  'Cancel my subscription',
  'Wrong item received',
  'Password reset link expired',
  'Feedback on your support',
  'Where is my order?',
] as const;

export const SEED_TAGS = ['billing', 'refund', 'vip', 'bug', 'shipping', 'onboarding', 'complaint', 'feedback', 'urgent', 'renewal', 'cancellation', 'password_reset'] as const;
