using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Cli;

namespace HumanSecurityAlerts.UnitTests.Cli;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void A_feature_seen_only_in_positives_gets_a_positive_weight_and_separates_the_classes()
    {
        // Feature 0 marks the positives, feature 1 the negatives, feature 2 is in every text.
        SparseRow[] rows =
        [
            new([0, 2], [0.8, 0.6]),
            new([0, 2], [0.6, 0.8]),
            new([1, 2], [0.8, 0.6]),
            new([1, 2], [0.6, 0.8]),
            new([1, 2], [0.7, 0.7]),
            new([2], [1.0]),
        ];
        bool[] positive = [true, true, false, false, false, false];

        var (weights, bias) = LogisticRegression.Fit(rows, positive, features: 3, c: 10);

        Assert.True(weights[0] > 0);
        Assert.True(weights[1] < 0);
        for (var i = 0; i < rows.Length; i++)
        {
            var p = LearnedFeatures.Sigmoid(rows[i].Dot(weights, bias));
            Assert.Equal(positive[i], p > 0.5);
        }
    }

    [Fact]
    public void Stronger_regularisation_gives_smaller_weights()
    {
        SparseRow[] rows = [new([0], [1.0]), new([1], [1.0]), new([0], [1.0]), new([1], [1.0])];
        bool[] positive = [true, false, true, false];

        var loose = LogisticRegression.Fit(rows, positive, features: 2, c: 100);
        var tight = LogisticRegression.Fit(rows, positive, features: 2, c: 0.1);

        Assert.True(Math.Abs(tight.Weights[0]) < Math.Abs(loose.Weights[0]));
    }

    [Theory]
    [InlineData(false, -30)]
    [InlineData(true, 30)]
    public void A_pillar_never_or_always_present_is_a_constant(bool present, double expectedBias)
    {
        SparseRow[] rows = [new([0], [1.0]), new([1], [1.0])];

        var (weights, bias) = LogisticRegression.Fit(rows, [present, present], features: 2, c: 10);

        Assert.All(weights, w => Assert.Equal(0, w));
        Assert.Equal(expectedBias, bias);
    }
}
