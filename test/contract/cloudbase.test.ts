/**
 * Says once, loudly, whether this run also checks CloudBase: in a
 * multi-file run jest lists neither skipped tests nor the output of a wholly
 * skipped file, so the CloudBase halves of the other suites would vanish
 * from the report. With credentials it checks the connection first, so a
 * bad environment fails here with a clear message.
 */
import { CLOUDBASE_SKIPPED, cloudbaseConfigured, missingCloudbaseVars, openCloudbaseTarget } from './targets'

if (cloudbaseConfigured) {
  test('should reach CloudBase and round-trip a document', async () => {
    const target = await openCloudbaseTarget()
    try {
      const { id } = await target.db.collection('accounts').add({ probe: true })
      expect((await target.db.collection('accounts').doc(id).get()).data).toEqual([{ _id: id, probe: true }])
    } finally {
      await target.close()
    }
  }, 120_000)
} else {
  test(`should report: ${CLOUDBASE_SKIPPED}`, () => {
    console.warn(CLOUDBASE_SKIPPED)
    expect(missingCloudbaseVars.length).toBeGreaterThan(0)
  })
}
