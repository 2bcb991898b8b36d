import { describe, expect, it } from 'vitest';
import {
  fileSource,
  imageSource,
  parseDataUrl,
  renderInputFile,
  renderInputImage,
} from './responses-media.js';

describe('Responses media', () => {
  it('parses base64 data URLs only', () => {
    expect(parseDataUrl('data:image/jpeg;base64,/9j/4AAQ')).toEqual({
      mediaType: 'image/jpeg',
      data: '/9j/4AAQ',
    });
    expect(parseDataUrl('data:application/pdf;name=a.pdf;base64,JVBE')).toEqual({
      mediaType: 'application/pdf',
      data: 'JVBE',
    });
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
    expect(parseDataUrl('https://example.com/a.png')).toBeUndefined();
  });

  it('reads image and file sources', () => {
    expect(imageSource({ image_url: 'data:image/png;base64,iVBOR' })).toEqual({
      type: 'base64',
      mediaType: 'image/png',
      data: 'iVBOR',
    });
    expect(imageSource({ image_url: 'https://x.test/a.png' })).toEqual({
      type: 'url',
      url: 'https://x.test/a.png',
    });
    expect(imageSource({ file_id: 'file-1' })).toEqual({ type: 'file', fileId: 'file-1' });
    expect(imageSource({})).toBeUndefined();
    expect(fileSource({ file_data: 'SGVsbG8=', filename: 'notes.txt' })).toEqual({
      type: 'base64',
      mediaType: 'text/plain',
      data: 'SGVsbG8=',
    });
    expect(fileSource({})).toBeUndefined();
  });

  it('renders images and files, inventing nothing but a required file name', () => {
    expect(
      renderInputImage({
        type: 'image',
        source: { type: 'url', url: 'https://x.test/a.png' },
        detail: 'low',
      }),
    ).toEqual({
      type: 'input_image',
      image_url: 'https://x.test/a.png',
      detail: 'low',
    });
    expect(renderInputImage({ type: 'image', source: { type: 'file', fileId: 'file-1' } })).toEqual({
      type: 'input_image',
      file_id: 'file-1',
      detail: 'auto',
    });
    expect(
      renderInputFile({ type: 'file', source: { type: 'base64', mediaType: 'text/plain', data: 'SGk=' } }),
    ).toEqual({
      type: 'input_file',
      file_data: 'data:text/plain;base64,SGk=',
      filename: 'document.txt',
    });
    expect(
      renderInputFile({ type: 'file', source: { type: 'file', fileId: 'file-2' }, filename: 'r.pdf' }),
    ).toEqual({
      type: 'input_file',
      file_id: 'file-2',
      filename: 'r.pdf',
    });
  });
});
