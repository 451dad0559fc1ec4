import { offlineOpenApiDocument } from '@sa/platform';
import { service } from './service';
it('x', async () => {
  const t = Date.now();
  const doc = await offlineOpenApiDocument(service);
  require('fs').writeFileSync('/tmp/oa/approval.json', JSON.stringify(doc, null, 2));
  console.log(Date.now() - t);
});
