// A linear support vector machine (L2-regularised, squared hinge loss, per-example weights) trained
// by dual coordinate descent: Hsieh et al. 2008, "A dual coordinate descent method for large-scale
// linear SVM", the algorithm of LIBLINEAR and of scikit-learn's LinearSVC, on sparse rows.
import type { SparseVector } from './features.ts';

export interface TrainingExample {
  row: SparseVector;
  positive: boolean;
  /** Multiplies the cost of a margin error on this example (class balance, prior documents). */
  weight: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

export interface SvmOptions {
  /** The SVM's C: how much margin errors cost against the L2 penalty on the weights. */
  cost: number;
  /** Visits the examples in a random order each pass, as LIBLINEAR does, from the caller's seeded source. */
  random: () => number;
  /** LIBLINEAR's defaults: stop when the projected gradient spans less than 0.1, or after this many passes. */
  tolerance?: number;
  maxPasses?: number;
}

/** The margin of `row` under `model`: positive means the positive class. */
export function margin(model: LinearModel, row: SparseVector): number {
  let sum = model.bias;
  for (let k = 0; k < row.columns.length; k++) sum += (model.weights[row.columns[k] as number] as number) * (row.values[k] as number);
  return sum;
}

/**
 * Minimises ½‖w‖² + Σ C·weightᵢ·max(0, 1 − yᵢ(w·xᵢ + b))². The bias is a constant feature of 1, so it
 * is regularised like the rest (LIBLINEAR's `-B 1`). With one class only it still returns a model:
 * one that scores every record towards that class.
 */
export function trainLinearSvm(examples: readonly TrainingExample[], dimensions: number, options: SvmOptions): LinearModel {
  const tolerance = options.tolerance ?? 0.1;
  const maxPasses = options.maxPasses ?? 1000;
  const model: LinearModel = { weights: new Float64Array(dimensions), bias: 0 };
  const count = examples.length;
  const alpha = new Float64Array(count);
  const diagonal = new Float64Array(count);
  const curvature = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const example = examples[i] as TrainingExample;
    let squares = 1; // the bias feature
    for (const value of example.row.values) squares += value * value;
    diagonal[i] = 1 / (2 * options.cost * example.weight);
    curvature[i] = squares + (diagonal[i] as number);
  }
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let pass = 0; pass < maxPasses; pass++) {
    shuffle(order, options.random);
    let highest = -Infinity;
    let lowest = Infinity;
    for (const i of order) {
      const example = examples[i] as TrainingExample;
      const sign = example.positive ? 1 : -1;
      const a = alpha[i] as number;
      const gradient = sign * margin(model, example.row) - 1 + (diagonal[i] as number) * a;
      const projected = a === 0 ? Math.min(gradient, 0) : gradient;
      highest = Math.max(highest, projected);
      lowest = Math.min(lowest, projected);
      if (projected === 0) continue;
      const next = Math.max(a - gradient / (curvature[i] as number), 0);
      const step = (next - a) * sign;
      alpha[i] = next;
      const { columns, values } = example.row;
      for (let k = 0; k < columns.length; k++) {
        const column = columns[k] as number;
        model.weights[column] = (model.weights[column] as number) + step * (values[k] as number);
      }
      model.bias += step;
    }
    if (highest - lowest < tolerance) break;
  }
  return model;
}

/** Fisher-Yates, in place. */
function shuffle(items: Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = items[i] as number;
    items[i] = items[j] as number;
    items[j] = item;
  }
}
