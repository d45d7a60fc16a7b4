import type { FindingDraft } from '../findings.js';
import { type AxmlElement, androidAttribute, isTrue, plainAttribute, VALUE_TYPE } from './axml.js';

/** android.R.attr ids of the attributes the checks read. */
const ATTR = {
  name: 0x01010003,
  permission: 0x01010006,
  readPermission: 0x01010007,
  writePermission: 0x01010008,
  debuggable: 0x0101000f,
  exported: 0x01010010,
  minSdkVersion: 0x0101020c,
  versionCode: 0x0101021b,
  versionName: 0x0101021c,
  targetSdkVersion: 0x01010270,
  testOnly: 0x01010272,
  allowBackup: 0x01010280,
  usesCleartextTraffic: 0x010104ec,
  networkSecurityConfig: 0x01010527,
} as const;

const COMPONENT_KINDS = ['activity', 'activity-alias', 'service', 'receiver', 'provider'] as const;
export type ComponentKind = (typeof COMPONENT_KINDS)[number];

export interface ComponentFacts {
  kind: ComponentKind;
  name: string;
  exported: boolean | null;
  hasIntentFilter: boolean;
  launcher: boolean;
  permission: string | null;
  readPermission: string | null;
  writePermission: string | null;
}

export interface ManifestFacts {
  packageName: string | null;
  versionName: string | null;
  versionCode: number | null;
  minSdk: number | null;
  targetSdk: number | null;
  debuggable: boolean;
  /** null when the attribute is absent (the platform default is true). */
  allowBackup: boolean | null;
  usesCleartextTraffic: boolean | null;
  testOnly: boolean;
  /** The @xml resource id of the network security config, when set. */
  networkSecurityConfig: number | null;
  applicationPermission: string | null;
  components: ComponentFacts[];
}

function optionalBoolean(element: AxmlElement | undefined, name: keyof typeof ATTR): boolean | null {
  const attribute = element && androidAttribute(element, name, ATTR[name]);
  return attribute ? isTrue(attribute) : null;
}

function integer(element: AxmlElement | undefined, name: keyof typeof ATTR): number | null {
  const attribute = element && androidAttribute(element, name, ATTR[name]);
  if (!attribute) return null;
  if (attribute.type === VALUE_TYPE.INT_DEC || attribute.type === VALUE_TYPE.INT_HEX)
    return attribute.data | 0;
  // A codename ("Tiramisu") stands for a preview SDK; a numeric string is read as a number.
  const parsed = Number.parseInt(attribute.value, 10);
  return Number.isFinite(parsed) ? parsed : null;
}

function text(element: AxmlElement, name: keyof typeof ATTR): string | null {
  const attribute = androidAttribute(element, name, ATTR[name]);
  return attribute?.value ? attribute.value : null;
}

function qualify(name: string, packageName: string | null): string {
  if (name.startsWith('.') && packageName) return `${packageName}${name}`;
  if (!name.includes('.') && packageName && name) return `${packageName}.${name}`;
  return name;
}

function readComponent(
  element: AxmlElement,
  kind: ComponentKind,
  packageName: string | null,
): ComponentFacts {
  const filters = element.children.filter((c) => c.name === 'intent-filter');
  const launcher = filters.some(
    (filter) =>
      filter.children.some((c) => c.name === 'action' && text(c, 'name') === 'android.intent.action.MAIN') &&
      filter.children.some(
        (c) => c.name === 'category' && text(c, 'name') === 'android.intent.category.LAUNCHER',
      ),
  );
  return {
    kind,
    name: qualify(text(element, 'name') ?? '', packageName),
    exported: optionalBoolean(element, 'exported'),
    hasIntentFilter: filters.length > 0,
    launcher,
    permission: text(element, 'permission'),
    readPermission: text(element, 'readPermission'),
    writePermission: text(element, 'writePermission'),
  };
}

/** Reads the facts the rules look at from a decoded AndroidManifest.xml. */
export function readManifest(root: AxmlElement): ManifestFacts {
  if (root.name !== 'manifest') throw new Error(`AndroidManifest.xml: root element is <${root.name}>`);
  const packageName = plainAttribute(root, 'package')?.value || null;
  const usesSdk = root.children.find((c) => c.name === 'uses-sdk');
  const application = root.children.find((c) => c.name === 'application');
  const components = (application?.children ?? [])
    .filter((c): c is AxmlElement => (COMPONENT_KINDS as readonly string[]).includes(c.name))
    .map((c) => readComponent(c, c.name as ComponentKind, packageName));
  const nsc =
    application && androidAttribute(application, 'networkSecurityConfig', ATTR.networkSecurityConfig);
  return {
    packageName,
    versionName: text(root, 'versionName'),
    versionCode: integer(root, 'versionCode'),
    minSdk: integer(usesSdk, 'minSdkVersion') ?? 1,
    targetSdk: integer(usesSdk, 'targetSdkVersion') ?? integer(usesSdk, 'minSdkVersion'),
    debuggable: optionalBoolean(application, 'debuggable') === true,
    allowBackup: optionalBoolean(application, 'allowBackup'),
    usesCleartextTraffic: optionalBoolean(application, 'usesCleartextTraffic'),
    testOnly: optionalBoolean(application, 'testOnly') === true,
    networkSecurityConfig: nsc && nsc.type === VALUE_TYPE.REFERENCE ? nsc.data : null,
    applicationPermission: application ? text(application, 'permission') : null,
    components,
  };
}

/** Whether another app can reach the component, by the platform's rules for the declared target SDK. */
export function isExported(component: ComponentFacts, targetSdk: number | null): boolean {
  if (component.exported !== null) return component.exported;
  if (component.kind === 'provider') return (targetSdk ?? 1) < 17;
  return component.hasIntentFilter;
}

function isProtected(component: ComponentFacts, applicationPermission: string | null): boolean {
  if (component.permission || applicationPermission) return true;
  return component.kind === 'provider' && Boolean(component.readPermission && component.writePermission);
}

const LOCATION = 'AndroidManifest.xml';

/** Findings from the manifest alone (the network security config and signing are checked elsewhere). */
export function manifestFindings(facts: ManifestFacts, parameters: { minSdk: number }): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const add = (ruleId: string, subject: string, evidence: string) =>
    drafts.push({ ruleId, location: LOCATION, subject, evidence });
  if (facts.debuggable) add('android-debuggable', 'application', '<application android:debuggable="true">');
  if (facts.allowBackup !== false) {
    add(
      'android-allow-backup',
      'application',
      facts.allowBackup === true
        ? '<application android:allowBackup="true">'
        : 'android:allowBackup is not set (defaults to true)',
    );
  }
  if (facts.usesCleartextTraffic === true) {
    add('android-cleartext-traffic', 'application', '<application android:usesCleartextTraffic="true">');
  } else if (
    facts.usesCleartextTraffic === null &&
    facts.networkSecurityConfig === null &&
    (facts.targetSdk ?? 1) < 28
  ) {
    add(
      'android-cleartext-traffic',
      'application',
      `android:usesCleartextTraffic is not set and targetSdkVersion ${facts.targetSdk ?? '(none)'} < 28 (defaults to true)`,
    );
  }
  if (facts.testOnly) add('android-test-only', 'application', '<application android:testOnly="true">');
  if (facts.minSdk !== null && facts.minSdk < parameters.minSdk) {
    add('android-min-sdk', 'uses-sdk', `minSdkVersion ${facts.minSdk} < ${parameters.minSdk}`);
  }
  for (const component of facts.components) {
    if (component.launcher || !isExported(component, facts.targetSdk)) continue;
    if (isProtected(component, facts.applicationPermission)) continue;
    const how = component.exported === true ? 'android:exported="true"' : 'exported by default';
    add(
      'android-exported-component',
      `${component.kind}:${component.name}`,
      `<${component.kind} android:name="${component.name}"> ${how}, no android:permission`,
    );
  }
  return drafts;
}
