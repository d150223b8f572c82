using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace HumanSecurityAlerts.Cli;

/// <summary>A text's tf-idf row: feature indices and their weights.</summary>
internal sealed record SparseRow(int[] Features, double[] Values)
{
    public double Dot(double[] weights, double bias)
    {
        var z = bias;
        for (var i = 0; i < Features.Length; i++)
        {
            z += weights[Features[i]] * Values[i];
        }

        return z;
    }
}

/// <summary>
/// Binary L2-regularised logistic regression, classes weighted to balance (as scikit-learn's
/// <c>class_weight="balanced"</c>), the bias not regularised; minimised by Math.NET's L-BFGS.
/// Minimises sum(weight_i × log(1 + exp(−y_i z_i))) + ‖w‖² / (2C).
/// </summary>
internal static class LogisticRegression
{
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<SparseRow> rows, IReadOnlyList<bool> positive, int features, double c)
    {
        var positives = positive.Count(p => p);
        if (positives == 0 || positives == rows.Count)
        {
            // Nothing to learn: the pillar is never (or always) there.
            return (new double[features], positives == 0 ? -30 : 30);
        }

        var positiveWeight = rows.Count / (2.0 * positives);
        var negativeWeight = rows.Count / (2.0 * (rows.Count - positives));
        var objective = ObjectiveFunction.Gradient(parameters =>
        {
            var w = parameters.AsArray() ?? parameters.ToArray();
            var bias = w[features];
            var gradient = new double[features + 1];
            var loss = 0.0;
            for (var f = 0; f < features; f++)
            {
                loss += w[f] * w[f] / (2 * c);
                gradient[f] = w[f] / c;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                var y = positive[i] ? 1.0 : -1.0;
                var sampleWeight = positive[i] ? positiveWeight : negativeWeight;
                var margin = y * rows[i].Dot(w, bias);
                // log(1 + exp(−m)), and its derivative −σ(−m), computed stably.
                loss += sampleWeight * (margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin)));
                var factor = -sampleWeight * y * (margin > 0 ? Math.Exp(-margin) / (1 + Math.Exp(-margin)) : 1 / (1 + Math.Exp(margin)));
                var row = rows[i];
                for (var k = 0; k < row.Features.Length; k++)
                {
                    gradient[row.Features[k]] += factor * row.Values[k];
                }

                gradient[features] += factor;
            }

            return (loss, Vector<double>.Build.DenseOfArray(gradient));
        });

        var minimizer = new LimitedMemoryBfgsMinimizer(1e-6, 1e-12, 1e-12, 10, 5000);
        var result = minimizer.FindMinimum(objective, Vector<double>.Build.Dense(features + 1));
        var point = result.MinimizingPoint.ToArray();
        return (point[..features], point[features]);
    }
}
