import { useState, type FormEvent } from 'react';
import { FieldErrors } from '../../api/field-errors';
import { useIntegrations } from '../../api/integrations';
import { useAddSubscription } from '../../api/notifications';
import type { NewSubscriptionInput, NotificationOptionsView } from '../../api/types';
import { Callout } from '../../components/Callout';
import { CopyField } from '../../components/CopyField';
import { Field, FieldError } from '../../components/Field';
import { FormError } from '../../components/FormError';

type EventType = NotificationOptionsView['eventTypes'][number]['type'];

/** Subscribe an email address or a webhook; a webhook's signing secret is shown once, here. */
export function AddSubscriptionForm({ options }: { options: NotificationOptionsView }) {
  const [channel, setChannel] = useState<'email' | 'webhook'>('email');
  const [target, setTarget] = useState(options.canManageAll ? '' : (options.ownEmail ?? ''));
  const [name, setName] = useState('');
  const [events, setEvents] = useState<EventType[]>(options.eventTypes.map((e) => e.type));
  const [allIntegrations, setAllIntegrations] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [quiet, setQuiet] = useState(false);
  const [quietStart, setQuietStart] = useState('22:00');
  const [quietEnd, setQuietEnd] = useState('07:00');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  const integrations = useIntegrations(options.canManageAll);
  const add = useAddSubscription();
  const errors = FieldErrors.of(add.error);
  const created = add.isSuccess ? add.data : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: NewSubscriptionInput = {
      channel,
      events,
      ...(target.trim() ? { target: target.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
      integrationIds: allIntegrations ? null : chosen,
      quietHours: quiet ? { start: quietStart, end: quietEnd, timeZone } : null,
    };
    add.mutate(input, { onSuccess: () => (setName(''), setTarget(options.canManageAll ? '' : (options.ownEmail ?? ''))) });
  };
  const toggle = (type: EventType, on: boolean) => setEvents(on ? [...events, type] : events.filter((e) => e !== type));

  return (
    <div className="stack">
      {created?.signingSecret ? (
        <Callout tone="warning" title={`Copy the signing secret of “${created.subscription.name}” now`} role="status" testId="new-signing-secret">
          <p>This is the only time Intake shows it. Your receiver checks the intake-signature header of each request with it (see the README, “Notifications”).</p>
          <CopyField label="Signing secret" value={created.signingSecret} />
          <div>
            <button type="button" className="btn btn-sm" onClick={() => add.reset()}>
              I have stored it
            </button>
          </div>
        </Callout>
      ) : null}
      <form className="card" onSubmit={submit} noValidate aria-labelledby="add-subscription-title">
        <h2 id="add-subscription-title">{options.canManageAll ? 'Add a subscription' : 'Subscribe yourself'}</h2>
        {options.canManageAll ? (
          <fieldset className="group">
            <legend>Send to</legend>
            <label className="check">
              <input type="radio" name="channel" checked={channel === 'email'} onChange={() => setChannel('email')} />
              <span>Email</span>
            </label>
            <label className="check">
              <input type="radio" name="channel" checked={channel === 'webhook'} onChange={() => setChannel('webhook')} />
              <span>
                Webhook <span className="muted small">— signed JSON; a Slack incoming-webhook URL gets Slack’s format</span>
              </span>
            </label>
          </fieldset>
        ) : null}
        <Field label={channel === 'email' ? 'Email address' : 'Webhook URL'} required error={errors.get('target')} hint={channel === 'webhook' ? 'https://… — plain http only for hosts the operator allowed.' : undefined}>
          {(c) => <input {...c} className="input" type={channel === 'email' ? 'email' : 'url'} value={target} readOnly={!options.canManageAll} onChange={(e) => setTarget(e.target.value)} style={{ maxWidth: 520 }} />}
        </Field>
        <Field label="Name" hint="Optional: tells subscriptions apart, e.g. “On-call channel”." error={errors.get('name')}>
          {(c) => <input {...c} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} style={{ maxWidth: 420 }} />}
        </Field>
        <fieldset className="group">
          <legend>Events</legend>
          {options.eventTypes.map((e) => (
            <label key={e.type} className="check">
              <input type="checkbox" checked={events.includes(e.type)} onChange={(ev) => toggle(e.type, ev.target.checked)} />
              <span>{e.label}</span>
            </label>
          ))}
          {errors.first('events') ? <FieldError message={errors.first('events')!} /> : null}
        </fieldset>
        {options.canManageAll ? (
          <fieldset className="group">
            <legend>Integrations</legend>
            <label className="check">
              <input type="checkbox" checked={allIntegrations} onChange={(e) => setAllIntegrations(e.target.checked)} />
              <span>All integrations, including ones added later</span>
            </label>
            {!allIntegrations
              ? (integrations.data ?? []).map((i) => (
                  <label key={i.id} className="check">
                    <input type="checkbox" checked={chosen.includes(i.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, i.id] : chosen.filter((x) => x !== i.id))} />
                    <span>{i.name}</span>
                  </label>
                ))
              : null}
            {errors.first('integrationIds') ? <FieldError message={errors.first('integrationIds')!} /> : null}
          </fieldset>
        ) : null}
        <fieldset className="group">
          <legend>Quiet hours</legend>
          <label className="check">
            <input type="checkbox" checked={quiet} onChange={(e) => setQuiet(e.target.checked)} />
            <span>Hold messages during quiet hours; what happened arrives when they end (as one digest when there is much)</span>
          </label>
          {quiet ? (
            <div className="row">
              <Field label="From" error={errors.get('quietHours.start')}>
                {(c) => <input {...c} className="input" type="time" value={quietStart} onChange={(e) => setQuietStart(e.target.value)} />}
              </Field>
              <Field label="Until" error={errors.get('quietHours.end')}>
                {(c) => <input {...c} className="input" type="time" value={quietEnd} onChange={(e) => setQuietEnd(e.target.value)} />}
              </Field>
              <Field label="Time zone" error={errors.get('quietHours.timeZone')}>
                {(c) => <input {...c} className="input" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />}
              </Field>
            </div>
          ) : null}
        </fieldset>
        <FormError error={add.error} shown={['target', 'name', 'events', 'events.', 'integrationIds', 'integrationIds.', 'quietHours.start', 'quietHours.end', 'quietHours.timeZone']} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add subscription'}
          </button>
        </div>
      </form>
    </div>
  );
}
