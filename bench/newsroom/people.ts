import type { Actor } from '@marginalia/domain';

/** The synthetic newsroom's staff: the desk sizes of a regional daily. */
export const staff = {
  editors: [
    { sub: 'editor-li', name: '李娜', roles: ['editor'] },
    { sub: 'editor-zhou', name: '周阳', roles: ['editor'] },
    { sub: 'editor-wu', name: '吴敏', roles: ['editor'] },
    { sub: 'editor-zheng', name: '郑强', roles: ['editor'] },
    { sub: 'editor-feng', name: '冯雪', roles: ['editor'] },
    { sub: 'editor-he', name: '何静', roles: ['editor'] },
  ],
  factCheckers: [
    { sub: 'checker-wang', name: '王核查', roles: ['fact_checker'] },
    { sub: 'checker-zhao', name: '赵磊', roles: ['fact_checker'] },
    { sub: 'checker-chen', name: '陈静', roles: ['fact_checker'] },
    { sub: 'checker-liu', name: '刘洋', roles: ['fact_checker'] },
    { sub: 'checker-yang', name: '杨帆', roles: ['fact_checker'] },
    { sub: 'checker-huang', name: '黄丽', roles: ['fact_checker'] },
    { sub: 'checker-xu', name: '徐亮', roles: ['fact_checker'] },
    { sub: 'checker-sun', name: '孙悦', roles: ['fact_checker'] },
    { sub: 'checker-ma', name: '马超', roles: ['fact_checker'] },
    { sub: 'checker-zhu', name: '朱琳', roles: ['fact_checker'] },
  ],
  standardsEditors: [
    { sub: 'standards-zhang', name: '张标准', roles: ['standards_editor'] },
    { sub: 'standards-guo', name: '郭明', roles: ['standards_editor'] },
    { sub: 'standards-lin', name: '林慧', roles: ['standards_editor'] },
  ],
} satisfies Record<string, Actor[]>;

export const claimants = [
  '金湘军',
  '山西省统计局',
  '山西代表团',
  '省发展改革委',
  '阳泉市政府',
  '省能源局',
  '太原市市长',
  '省工业和信息化厅',
];

export const topics = ['能源', '煤炭', '经济', '就业', '农业', '交通', '环境', '科技', '教育'];

export const ratings = [
  ['true', 0.2],
  ['mostly_true', 0.15],
  ['half_true', 0.15],
  ['mostly_false', 0.15],
  ['false', 0.2],
  ['misleading', 0.08],
  ['missing_context', 0.05],
  ['unproven', 0.02],
] as const;
