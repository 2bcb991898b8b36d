import { describe, expect, it } from 'vitest';
import { parseDataUrl, toDataUrl } from './chat-data-url.js';

describe('data URLs', () => {
  it('reads the media type and payload of a base64 data URL', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({
      mediaType: 'image/png',
      data: 'iVBORw0KGgo=',
    });
    expect(parseDataUrl('data:image/jpeg;name=a.jpg;base64,/9j/')).toEqual({
      mediaType: 'image/jpeg',
      data: '/9j/',
    });
    expect(parseDataUrl('data:;base64,AAAA')).toEqual({
      mediaType: 'application/octet-stream',
      data: 'AAAA',
    });
  });

  it('leaves anything else alone', () => {
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
  });

  it('writes one back', () => {
    expect(toDataUrl('application/pdf', 'JVBERi0=')).toBe('data:application/pdf;base64,JVBERi0=');
  });
});
