/**
 * Where a value came from (DOMAIN.md: "every stored value records its source"), always shown beside the
 * value: the spreadsheet version it was uploaded in, the person who edited it, an integration, or Vitals.
 */
import type { KpiId, MeasurementDoc } from '@vitals/shared';
import { Show, type JSX } from 'solid-js';
import './SourceBadge.css';

/** A stored value's source (the shared schema's `ValueSource`, reached through the document type). */
export type ValueSource = NonNullable<MeasurementDoc['values'][KpiId]>['source'];

/** Names the badge needs; a missing entry (not synced yet, or deleted) falls back to a neutral word. */
export interface SourceNames {
  readonly fileName?: (versionId: string) => string | undefined;
  readonly memberName?: (userId: string) => string | undefined;
}

const ICON: Record<ValueSource['kind'], string> = {
  upload: '⇪',
  manual: '✎',
  integration: '⇄',
  computed: 'ƒ',
};

/** The badge's words, also used where a source is written out in a sentence (value history). */
export function sourceLabel(source: ValueSource, names: SourceNames = {}): string {
  switch (source.kind) {
    case 'upload': {
      const file = names.fileName?.(source.versionId);
      return file ? `Upload · ${file}` : 'Upload';
    }
    case 'manual':
      return `Edited by ${names.memberName?.(source.userId) ?? 'a former member'}`;
    case 'integration':
      return `Integration · ${source.integration}`;
    case 'computed':
      return 'Computed by Vitals';
  }
  return 'Unknown source';
}

/** Where an upload's version is listed (the import screen's version history). */
export function versionHref(versionId: string): string {
  return `/import#version-${encodeURIComponent(versionId)}`;
}

export function SourceBadge(props: {
  source: ValueSource | undefined;
  names?: SourceNames;
  testId?: string;
}): JSX.Element {
  const label = (): string => (props.source ? sourceLabel(props.source, props.names) : 'No source');
  const content = (): JSX.Element => (
    <>
      <span class="source-icon" aria-hidden="true">
        {props.source ? ICON[props.source.kind] : '·'}
      </span>
      <span class="visually-hidden">Source: </span>
      <span class="source-text">{label()}</span>
    </>
  );
  return (
    <Show
      when={
        props.source?.kind === 'upload' ? (props.source as Extract<ValueSource, { kind: 'upload' }>) : null
      }
      fallback={
        <span
          class={`source-badge ${props.source?.kind ?? 'none'}`}
          title={`Source: ${label()}`}
          data-testid={props.testId}
        >
          {content()}
        </span>
      }
    >
      {(upload) => (
        // An upload links to its version, where it can be seen in context and restored.
        <a
          class="source-badge upload source-link"
          href={versionHref(upload().versionId)}
          title={`Source: ${label()}. Open this version in Import`}
          data-testid={props.testId}
        >
          {content()}
        </a>
      )}
    </Show>
  );
}
