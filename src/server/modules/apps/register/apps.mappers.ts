import type { Static } from 'typebox';
import { todayInTaipei } from '../../providers/domain/calendar-date.js';
import type { DeidReport } from '../deid/deid-report.js';
import type {
  AcceptanceRow,
  AppRow,
  AttestationRow,
  ControlRow,
  ReleaseRow,
  TemplateRow,
} from './apps.repository.js';
import type { Attestation, MobileApp, Release, Template } from './apps.schemas.js';
import {
  APP_CONTROLS,
  type AttestationSubject,
  acceptanceValid,
  effectiveGate,
  type FailOn,
  type GateState,
  type ReleaseStatus,
} from './domain/release-gate.js';

export function toAppDto(row: AppRow, controls: ControlRow[]): Static<typeof MobileApp> {
  const byControl = new Map(controls.map((c) => [c.control, c]));
  return {
    id: row.id,
    name: row.name,
    platforms: JSON.parse(row.platforms) as Array<'android' | 'ios'>,
    bundleId: row.bundle_id,
    vendorKind: row.vendor_kind as 'in_house' | 'outside',
    vendorName: row.vendor_name,
    ownerUserId: row.owner_user_id,
    notes: row.notes,
    // Every Art. 16 control is listed, recorded or not, so a gap shows as a gap.
    controls: APP_CONTROLS.map((control) => {
      const c = byControl.get(control);
      return {
        control,
        implemented: c?.implemented === 1,
        description: c?.description ?? '',
        evidenceId: c?.evidence_id ?? null,
        updatedAt: c?.updated_at ?? null,
      };
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toAttestationDto(row: AttestationRow, today = todayInTaipei()): Static<typeof Attestation> {
  return {
    id: row.id,
    releaseId: row.release_id,
    subject: row.subject as AttestationSubject,
    dueDate: row.due_date,
    receivedOn: row.received_on,
    evidenceId: row.evidence_id,
    note: row.note,
    overdue: row.received_on === null && row.due_date < today,
    version: row.version,
  };
}

export function toReleaseDto(
  row: ReleaseRow,
  acceptance: AcceptanceRow | undefined,
  attestations: AttestationRow[],
  today = todayInTaipei(),
): Static<typeof Release> {
  return {
    id: row.id,
    appId: row.app_id,
    appVersion: row.app_version,
    buildNumber: row.build_number,
    binarySha256: row.binary_sha256,
    releaseDate: row.release_date,
    status: row.status as ReleaseStatus,
    gate: effectiveGate(row.gate as GateState, acceptance?.expires_on ?? null, today),
    failOn: row.fail_on as FailOn,
    scannedAt: row.scanned_at,
    scanEvidenceId: row.scan_evidence_id,
    summary: row.scan_summary ? JSON.parse(row.scan_summary) : null,
    rulePack: row.rule_pack ? JSON.parse(row.rule_pack) : null,
    releasedAt: row.released_at,
    riskAcceptance: acceptance
      ? {
          reason: acceptance.reason,
          expiresOn: acceptance.expires_on,
          acceptedBy: acceptance.accepted_by,
          acceptedAt: acceptance.accepted_at,
          valid: acceptanceValid(acceptance.expires_on, today),
        }
      : null,
    attestations: attestations.map((a) => toAttestationDto(a, today)),
    createdAt: row.created_at,
    version: row.version,
  };
}

export function toTemplateDto(row: TemplateRow, deid: DeidReport): Static<typeof Template> {
  return {
    id: row.id,
    appId: row.app_id,
    channel: row.channel as 'sms' | 'push' | 'email',
    name: row.name,
    body: row.body,
    version: row.version,
    deid: {
      found: deid.found,
      maskedText: deid.maskedText,
      findings: deid.findings.map((f) => ({
        detector: f.detector,
        label: f.label,
        line: f.line,
        column: f.column,
        masked: f.masked,
      })),
    },
  };
}
