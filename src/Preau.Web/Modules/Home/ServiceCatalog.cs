using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Home;

/// <summary>A service a space can offer, with its name, pictogram (an <see cref="Shared.Icons"/> key) and colour used everywhere it appears.</summary>
public sealed record ServiceDefinition(string Key, string Name, string Icon, IReadOnlySet<ScopeType> Scopes, Func<ScopeType, Guid, string> Url, bool EnabledByDefault = true, bool HiddenFromPupils = false);

/// <summary>
/// The services that exist today. A module adds its service here when it lands; services not built yet
/// simply do not appear on the home page or in the activation settings.
/// </summary>
public sealed class ServiceCatalog
{
    public IReadOnlyList<ServiceDefinition> All { get; } =
    [
        new(ServiceKeys.Directory, "Annuaire", "people", new HashSet<ScopeType> { ScopeType.School, ScopeType.Class, ScopeType.Group },
            (scope, id) => scope switch
            {
                ScopeType.School => $"/ecole/{id}/annuaire",
                ScopeType.Class => $"/classe/{id}/annuaire",
                _ => $"/groupe/{id}/annuaire",
            }),
        new(ServiceKeys.Blog, "Blog", "blog", new HashSet<ScopeType> { ScopeType.School, ScopeType.Class, ScopeType.Group },
            (scope, id) => scope switch
            {
                ScopeType.School => $"/ecole/{id}/blog",
                ScopeType.Class => $"/classe/{id}/blog",
                _ => $"/groupe/{id}/blog",
            }),
        // For families and the class's staff: pupils do not see it on their class space.
        new(ServiceKeys.Liaison, "Cahier de liaison", "liaison", new HashSet<ScopeType> { ScopeType.Class },
            (_, id) => $"/classe/{id}/liaison", HiddenFromPupils: true),
        new(ServiceKeys.Agenda, "Agenda", "agenda", new HashSet<ScopeType> { ScopeType.School, ScopeType.Class, ScopeType.Group },
            (scope, id) => scope switch
            {
                ScopeType.School => $"/ecole/{id}/agenda",
                ScopeType.Class => $"/classe/{id}/agenda",
                _ => $"/groupe/{id}/agenda",
            }),
        // Staff get the class grid; a pupil is sent to « Mes compétences », a family to their child's sheet.
        new(ServiceKeys.Skills, "Compétences numériques", "skills", new HashSet<ScopeType> { ScopeType.Class },
            (_, id) => $"/classe/{id}/competences"),
        new(ServiceKeys.Homework, "Cahier de textes", "homework", new HashSet<ScopeType> { ScopeType.Class },
            (_, id) => $"/classe/{id}/cahier-de-textes"),
        new(ServiceKeys.Quiz, "Quiz", "quiz", new HashSet<ScopeType> { ScopeType.Class },
            (_, id) => $"/classe/{id}/quiz"),
        new(ServiceKeys.Albums, "Albums photos", "photo", new HashSet<ScopeType> { ScopeType.School, ScopeType.Class, ScopeType.Group },
            (scope, id) => scope switch
            {
                ScopeType.School => $"/ecole/{id}/albums",
                ScopeType.Class => $"/classe/{id}/albums",
                _ => $"/groupe/{id}/albums",
            }),
        new(ServiceKeys.Documents, "Documents", "folder", new HashSet<ScopeType> { ScopeType.School, ScopeType.Class, ScopeType.Group },
            (scope, id) => scope switch
            {
                ScopeType.School => $"/ecole/{id}/documents",
                ScopeType.Class => $"/classe/{id}/documents",
                _ => $"/groupe/{id}/documents",
            }),
        new(ServiceKeys.Forum, "Forum", "forum", new HashSet<ScopeType> { ScopeType.Class, ScopeType.Group },
            (scope, id) => scope == ScopeType.Class ? $"/classe/{id}/forum" : $"/groupe/{id}/forum"),
    ];

    /// <summary>Services of the person rather than of a space (shown at the top of the home page, never switched off per scope).</summary>
    public IReadOnlyList<ServiceDefinition> Personal { get; } =
    [
        new("messagerie", "Messagerie", "mail", new HashSet<ScopeType>(), (_, _) => "/messagerie"),
        new("mes-documents", "Mes documents", "folder", new HashSet<ScopeType>(), (_, _) => "/documents"),
    ];

    public ServiceDefinition? Find(string key) => All.FirstOrDefault(s => s.Key == key);
}
