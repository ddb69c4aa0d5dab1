// zlib.compress for the core's writers, in the panel: CompressionStream('deflate') writes the
// zlib format (RFC 1950) that Django's zlib.decompress reads. Its bytes need not be Python's:
// Django checks the signature over whatever bytes the value carries.
export async function zlibCompress(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
