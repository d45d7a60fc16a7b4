import { Button, Menu } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportChecklistModal } from './ImportChecklistModal';
import '../../i18n/reports';

const FORMATS = ['xlsx', 'pdf', 'csv', 'oscal-ar', 'oscal-poam'] as const;

/** Export buttons for the assessment workspace, and the offline XLSX re-import while in draft. */
export function ReportActions(props: {
  orgId: string;
  assessmentId: string;
  editable: boolean;
  onImported: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [importing, setImporting] = useState(false);
  const lang = i18n.resolvedLanguage === 'en' ? 'en' : 'zh-TW';
  const base = `/api/v1/orgs/${props.orgId}/assessments/${props.assessmentId}`;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid="export-menu">
            {t('reports.export.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {FORMATS.map((format) => (
            <Menu.Item
              key={format}
              component="a"
              href={`${base}/export?format=${format}&lang=${lang}`}
              download
              data-testid={`export-${format}`}
            >
              {t(`reports.export.format.${format}`)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {props.editable && (
        <Button variant="default" onClick={() => setImporting(true)} data-testid="import-open">
          {t('reports.import.button')}
        </Button>
      )}
      <ImportChecklistModal
        opened={importing}
        importUrl={`${base}/import`}
        lang={lang}
        onClose={() => setImporting(false)}
        onApplied={() => {
          setImporting(false);
          props.onImported();
        }}
      />
    </>
  );
}
