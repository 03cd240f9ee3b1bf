/** The single list of transforms: it drives `list`, argument checks and `all`. */
export interface TransformInfo {
  name: string;
  description: string;
}

export const transforms: readonly TransformInfo[] = [];
