using HumanSecurityAlerts.Classification;
using HumanSecurityAlerts.Pillars;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.UnitTests.Classification;

public class AddPillarClassifierTests
{
    [Fact]
    public void Registers_one_classifier_with_options_from_the_Classifier_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Classifier:Threshold"] = "4.5", ["Classifier:MaxInputCharacters"] = "5000" })
            .Build();
        using var provider = new ServiceCollection().AddPillarClassifier(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ClassifierOptions>>().Value;
        var classifier = provider.GetRequiredService<IPillarClassifier>();

        Assert.Equal(4.5, options.Threshold);
        Assert.Equal(5000, options.MaxInputCharacters);
        Assert.Same(classifier, provider.GetRequiredService<IPillarClassifier>());
        Assert.Equal([PillarCatalog.ProtectionOfCivilians], classifier.Classify(new ClassificationInput("Protection of civilians", null, "Civilian harm mitigation.")).Pillars);
    }

    [Fact]
    public void Invalid_options_fail_validation()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Classifier:RelativeFloor"] = "2" })
            .Build();
        using var provider = new ServiceCollection().AddPillarClassifier(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClassifierOptions>>().Value);
        Assert.Contains("RelativeFloor", error.Message, StringComparison.Ordinal);
    }
}
