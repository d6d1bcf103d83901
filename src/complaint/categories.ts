/** The property developer's categories, the default list when `CATEGORIES` is unset. */
export const propertyCategories = [
  '工程质量',
  '规划设计',
  '销售管理',
  '物业服务',
  '服务行为',
  '维修服务',
  '外部环境',
  '客户服务',
] as const;

/** English names shown beside the Chinese ones in the console and accepted by the import. */
export const categoryEnglish: Record<string, string> = {
  工程质量: 'construction quality',
  规划设计: 'planning and design',
  销售管理: 'sales',
  物业服务: 'property services',
  服务行为: 'staff conduct',
  维修服务: 'repairs',
  外部环境: 'surroundings',
  客户服务: 'customer service',
};

/** A category as a customer reads it: its English name in English, where it has one. */
export const categoryLabel = (category: string, language: 'zh' | 'en') =>
  language === 'en' ? (categoryEnglish[category] ?? category) : category;
