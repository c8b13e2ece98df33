import { View } from '@tarojs/components'
import { Button, Cell, Popup, Radio } from '@nutui/nutui-react-taro'
import { useState } from 'react'
import { api } from '@/api'
import DayPicker from '@/components/day-picker'
import LoadState from '@/components/load-state'
import { useAsync } from '@/hooks/use-async'
import { dayOf } from '../register/unit-form'

const YEAR = 366 * 24 * 3600 * 1000

interface Candidate {
  id: string
  name: string
  kind: string
  from: string
}

/**
 * Units already co-building with another community of the same 街道 (a
 * 机关 or a school often serves several) that this community has not
 * paired with yet: their public cards, read community by community.
 */
async function candidatesFor(communityId: string, pairedIds: ReadonlySet<string>): Promise<Candidate[]> {
  const directory = await api.communities.list()
  const district = directory.districts.find((d) => d.communities.some((c) => c.id === communityId))
  const others = district?.communities.filter((c) => c.id !== communityId) ?? []
  const lists = await Promise.all(others.map(async (c) => ({ community: c, units: await api.units.list({ communityId: c.id }) })))
  const seen = new Map<string, Candidate>()
  for (const { community, units } of lists) {
    for (const unit of units) if (!pairedIds.has(unit.id) && !seen.has(unit.id)) seen.set(unit.id, { id: unit.id, name: unit.name, kind: unit.kind, from: community.name })
  }
  return [...seen.values()]
}

/** 结对已有单位: pair a unit registered by a neighbouring community with this one, on the agreement's signing date. */
export default function PairSheet({
  visible,
  communityId,
  pairedIds,
  onClose,
  onPair,
}: {
  visible: boolean
  communityId: string
  pairedIds: ReadonlySet<string>
  onClose: () => void
  onPair: (input: { unitId: string; signedAt: string }) => Promise<void>
}) {
  const candidates = useAsync(() => (visible ? candidatesFor(communityId, pairedIds) : Promise.resolve([])), [visible, communityId])
  const [unitId, setUnitId] = useState('')
  const [signedAt, setSignedAt] = useState(dayOf(new Date()))
  const [picking, setPicking] = useState(false)
  const [busy, setBusy] = useState(false)
  return (
    <Popup visible={visible} position='bottom' round closeable title='结对已有单位' onClose={onClose}>
      <View className='manage-change e2e-unit-pair'>
        <View className='tx-muted'>本街道其他社区已登记的共建单位，结对后即可邀请联络员、提出承诺。</View>
        <LoadState state={candidates.state} onRetry={candidates.reload} rows={3} isEmpty={(list) => list.length === 0} emptyText='本街道没有可结对的其他单位'>
          {(list) => (
            <Radio.Group value={unitId} onChange={(value) => setUnitId(String(value))}>
              <Cell.Group>
                {list.map((unit) => (
                  <Cell
                    key={unit.id}
                    className={`e2e-unit-pair-option e2e-unit-pair-${unit.id}`}
                    title={unit.name}
                    description={`${unit.kind} · 已与${unit.from}结对`}
                    extra={<Radio value={unit.id} />}
                    onClick={() => setUnitId(unit.id)}
                  />
                ))}
              </Cell.Group>
            </Radio.Group>
          )}
        </LoadState>
        <Cell className='e2e-unit-pair-signed-at' title='签订日期' clickable extra={signedAt} onClick={() => setPicking(true)} />
        <Button
          className='e2e-unit-pair-confirm'
          type='primary'
          block
          loading={busy}
          disabled={busy || !unitId}
          onClick={async () => {
            setBusy(true)
            try {
              // Noon Beijing time: the day stays the same wherever the server formats it.
              await onPair({ unitId, signedAt: `${signedAt}T12:00:00+08:00` })
              setUnitId('')
            } finally {
              setBusy(false)
            }
          }}
        >
          确认结对
        </Button>
      </View>
      <DayPicker
        title='签订日期'
        visible={picking}
        value={signedAt}
        min={new Date(Date.now() - 5 * YEAR)}
        max={new Date()}
        onClose={() => setPicking(false)}
        onPick={setSignedAt}
      />
    </Popup>
  )
}
