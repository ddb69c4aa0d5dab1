// The settings the companion reports, grouped as Django's settings reference groups them
// (Sessions, CSRF, Messages), alphabetical within a group, marking what the project changed.
import { differsFromDefault, fromTaggedJson, pyRepr, type TaggedJson } from '../../core/index';
import { useStickyOpen } from '../ui/sticky';
import './session.css';

const GROUPS: ReadonlyArray<{ title: string; test: (name: string) => boolean }> = [
  { title: 'Sessions', test: (n) => n.startsWith('SESSION_') },
  { title: 'CSRF', test: (n) => n.startsWith('CSRF_') },
  { title: 'Messages', test: (n) => n.startsWith('MESSAGE_') },
  { title: 'Other', test: () => true },
];

/** A Django setting is an UPPER_CASE name; protocol 1 also sent "MESSAGE_STORAGE.cookie_name",
 * a class attribute, which the header of the Server side now shows as the messages cookie. */
const SETTING_NAME = /^[A-Z][A-Z0-9_]*$/;

export function SettingsTable({ settings }: { settings: { [name: string]: TaggedJson } }) {
  const [open, setOpen] = useStickyOpen('companion-settings');
  const rows = Object.keys(settings)
    .filter((name) => SETTING_NAME.test(name))
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const repr = pyRepr(fromTaggedJson(settings[name] ?? null));
      return { name, repr, changed: differsFromDefault(name, repr) === true };
    });
  const grouped = GROUPS.map((g, i) => ({
    title: g.title,
    rows: rows.filter((r) => GROUPS.findIndex((x) => x.test(r.name)) === i),
  })).filter((g) => g.rows.length > 0);
  const changed = rows.filter((r) => r.changed).length;
  return (
    // Rarely the first thing to read: collapsed, with a count of what the project changed.
    <details
      class="sl-details"
      data-testid="companion-settings-details"
      open={open}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary class="sl-section-title">
        Settings{' '}
        <span class="sl-muted">
          ({rows.length}, {changed === 0 ? 'all Django defaults' : `${changed} changed from Django's default`}
          )
        </span>
      </summary>
      <table class="sl-table sl-kv" data-testid="companion-settings">
        {grouped.map((group) => (
          <tbody key={group.title} data-testid="companion-settings-group" data-group={group.title}>
            <tr>
              <th colSpan={2} class="sl-settings-group">
                {group.title}
              </th>
            </tr>
            {group.rows.map(({ name, repr, changed }) => (
              <tr
                key={name}
                data-testid="companion-setting"
                data-name={name}
                data-changed={changed ? 'true' : 'false'}
                class={changed ? 'sl-changed' : undefined}
              >
                <th>{name}</th>
                <td title={repr}>
                  {repr}
                  {changed && (
                    <span class="sl-badge sl-badge-accent" title="Differs from Django's default">
                      changed
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </details>
  );
}
