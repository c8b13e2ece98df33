/**
 * The item and restock forms' checks, mirroring the shop's schema
 * (lib/shop/service.ts) so most mistakes are named before a round trip.
 */
export interface ItemForm {
  name: string
  photoUrl: string
  pricePoints: string
  perPersonLimit: string
  stock: string
  onShelf: boolean
}

const wholeNumber = (text: string) => /^\d+$/.test(text.trim())
const inRange = (text: string, min: number, max: number) => wholeNumber(text) && Number(text) >= min && Number(text) <= max

export function itemProblem(form: ItemForm, creating: boolean): string | null {
  const name = form.name.trim()
  if (name.length === 0) return '请填写商品名称'
  if (name.length > 40) return '名称不能超过 40 个字'
  if (!inRange(form.pricePoints, 1, 100_000)) return '所需积分须为 1 到 100000 的整数'
  if (!inRange(form.perPersonLimit, 1, 100)) return '每人限兑须为 1 到 100 的整数'
  if (creating && !inRange(form.stock, 0, 100_000)) return '初始库存须为 0 到 100000 的整数'
  return null
}

export function restockProblem(delta: string, reason: string, stock: number): string | null {
  if (!/^-?\d+$/.test(delta.trim()) || Number(delta) === 0) return '变动数量须为非零整数（减少填负数）'
  if (Math.abs(Number(delta)) > 100_000) return '一次最多变动 100000 件'
  if (stock + Number(delta) < 0) return `库存只有 ${stock} 件，不能减少这么多`
  if (reason.trim().length === 0) return '请填写原因'
  return null
}
