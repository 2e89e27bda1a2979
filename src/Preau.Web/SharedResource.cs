namespace Preau.Web;

/// <summary>Marker for the shared UI strings (Resources/SharedResource.*.resx); French text is the key.</summary>
public sealed class SharedResource;
