// The AI configuration: every variable read, every bad value named, and the model each provider builds.
import { describe, expect, it } from 'vitest';
import { createLanguageModel, DEFAULT_AI_TIMEOUT_MS, parseAiConfig } from './config';

describe('parseAiConfig', () => {
  it('defaults to no model', () => {
    expect(parseAiConfig({})).toEqual({ ok: true, config: { provider: 'none', timeoutMs: DEFAULT_AI_TIMEOUT_MS, highValueRefund: 1000 } });
    expect(parseAiConfig({ AI_PROVIDER: '', AI_TIMEOUT_MS: '' })).toMatchObject({ ok: true, config: { provider: 'none' } });
  });

  it('reads an OpenAI-compatible server', () => {
    expect(parseAiConfig({ AI_PROVIDER: 'openai-compatible', AI_BASE_URL: 'http://127.0.0.1:11434/v1', AI_MODEL: 'llama3.1:8b', AI_TIMEOUT_MS: '3000', AI_HIGH_VALUE_REFUND: '500' })).toEqual({
      ok: true,
      config: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b', timeoutMs: 3000, highValueRefund: 500 },
    });
    expect(parseAiConfig({ AI_PROVIDER: 'openai-compatible', AI_BASE_URL: 'https://api.example.com/v1', AI_MODEL: 'm', AI_API_KEY: 'sk-x' })).toMatchObject({
      ok: true,
      config: { apiKey: 'sk-x' },
    });
  });

  it('reads Workers AI over REST on Node, and with the binding on Workers', () => {
    const id = '0123456789abcdef0123456789abcdef';
    expect(parseAiConfig({ AI_PROVIDER: 'workers-ai', AI_MODEL: '@cf/meta/llama-3.1-8b-instruct', CF_ACCOUNT_ID: id, CF_API_TOKEN: 't' })).toMatchObject({
      ok: true,
      config: { provider: 'workers-ai', accountId: id, apiToken: 't' },
    });
    expect(parseAiConfig({ AI_PROVIDER: 'workers-ai', AI_MODEL: '@cf/meta/llama-3.1-8b-instruct' }, 'workers')).toMatchObject({ ok: true, config: { provider: 'workers-ai' } });
  });

  it.each<[Record<string, string>, Array<{ variable: string; message: string }>]>([
    [{ AI_PROVIDER: 'openai' }, [{ variable: 'AI_PROVIDER', message: 'AI_PROVIDER must be one of: none, openai-compatible, workers-ai' }]],
    [
      { AI_PROVIDER: 'openai-compatible', AI_BASE_URL: 'localhost:11434', AI_MODEL: 'm' },
      [{ variable: 'AI_BASE_URL', message: 'AI_BASE_URL must be an http(s) URL, such as http://127.0.0.1:11434/v1 for Ollama' }],
    ],
    [{ AI_TIMEOUT_MS: '5s' }, [{ variable: 'AI_TIMEOUT_MS', message: 'AI_TIMEOUT_MS must be a whole number' }]],
    [{ AI_TIMEOUT_MS: '10' }, [{ variable: 'AI_TIMEOUT_MS', message: 'AI_TIMEOUT_MS must be at least 100' }]],
    [{ CF_ACCOUNT_ID: 'acme' }, [{ variable: 'CF_ACCOUNT_ID', message: 'CF_ACCOUNT_ID must be the 32-character hex id of the Cloudflare account' }]],
    [
      { AI_PROVIDER: 'openai-compatible' },
      [
        { variable: 'AI_BASE_URL', message: expect.stringMatching(/^AI_BASE_URL is required when AI_PROVIDER=openai-compatible/) },
        { variable: 'AI_MODEL', message: expect.stringMatching(/^AI_MODEL is required when AI_PROVIDER=openai-compatible/) },
      ],
    ],
    [
      { AI_PROVIDER: 'workers-ai', AI_MODEL: '@cf/x' },
      [
        { variable: 'CF_ACCOUNT_ID', message: expect.stringMatching(/^CF_ACCOUNT_ID is required when AI_PROVIDER=workers-ai on Node/) },
        { variable: 'CF_API_TOKEN', message: expect.stringMatching(/^CF_API_TOKEN is required/) },
      ],
    ],
  ])('names the variable of a bad value: %j', (env, problems) => {
    expect(parseAiConfig(env)).toEqual({ ok: false, problems });
  });

  it('ignores variables that are not its own', () => {
    expect(parseAiConfig({ PORT: 'x', HOME: '/root' })).toMatchObject({ ok: true });
  });
});

describe('createLanguageModel', () => {
  it('builds no model for none, and a chat model for an OpenAI-compatible server', () => {
    expect(createLanguageModel({ provider: 'none', timeoutMs: 1, highValueRefund: 1 })).toBeNull();
    const model = createLanguageModel({ provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5', timeoutMs: 1, highValueRefund: 1 });
    expect(model).toMatchObject({ modelId: 'qwen2.5', provider: 'openai-compatible.chat' });
  });

  it('builds Workers AI over REST, and refuses Workers AI with neither binding nor credentials', () => {
    const rest = createLanguageModel({ provider: 'workers-ai', model: '@cf/x', accountId: 'a', apiToken: 't', timeoutMs: 1, highValueRefund: 1 });
    expect(rest).toMatchObject({ modelId: '@cf/x' });
    expect(() => createLanguageModel({ provider: 'workers-ai', model: '@cf/x', timeoutMs: 1, highValueRefund: 1 })).toThrow(/needs the AI binding on Workers/);
  });
});
