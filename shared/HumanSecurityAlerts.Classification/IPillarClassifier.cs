namespace HumanSecurityAlerts.Classification;

/// <summary>Tags a publication with zero or more pillars. Implementations are thread-safe singletons.</summary>
public interface IPillarClassifier
{
    ClassificationResult Classify(ClassificationInput input);
}
