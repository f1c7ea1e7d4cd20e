import { trackEvent } from '@/lib/analytics';

export function MedicationReminderForm({ medication }: { medication: string }) {
  const save = (time: string) => {
    // @privacy event="Medication Reminder Set" purpose=health-reminders
    trackEvent('Medication Reminder Set', { time, medication });
  };
  return <button onClick={() => save('08:00')}>Remind me</button>;
}

export function SymptomChecker() {
  const check = (symptom: string) => trackEvent('Symptom Checker Used', { symptom });
  return <button onClick={() => check('headache')}>Check</button>;
}
