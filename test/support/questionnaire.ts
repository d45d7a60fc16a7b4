import { expect } from 'vitest';
import type { App } from '../../src/server/platform/app.js';
import type { Session } from './identity.js';

/** Registers a provider with a contact and sends it a questionnaire; returns the link path and questions. */
export async function sendTestQuestionnaire(
  app: App,
  session: Session,
  orgId: string,
  assessmentId: string | null,
) {
  const base = `/api/v1/orgs/${orgId}`;
  const post = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url, headers: session.headers, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const provider = await post(`${base}/providers`, {
    name: `雲端商 ${Math.random()}`,
    isSelf: false,
    serviceModels: ['SaaS'],
    critical: false,
    starStatus: 'none',
    contractStart: '2025-01-01',
  });
  const contact = await post(`${base}/providers/${provider.id}/contacts`, {
    name: '王小明',
    email: 'm@cloud.example',
  });
  const sent = await post(`${base}/providers/${provider.id}/questionnaires`, {
    contactId: contact.id,
    assessmentId,
  });
  const link = new URL(sent.link).pathname.replace(/^\/q\//, '/api/v1/questionnaire-links/');
  const view = (await app.inject({ method: 'GET', url: link })).json();
  return {
    link,
    questionnaireId: sent.questionnaire.id as string,
    questions: view.questions as Array<{ itemId: string; number: number }>,
  };
}
