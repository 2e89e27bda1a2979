using Preau.Web.Modules.People.Data;

namespace Preau.Web.Modules.Home.Contracts;

/// <summary>The keys of the services a space can switch off (the home page's <c>ServiceCatalog</c> is built on them).</summary>
public static class ServiceKeys
{
    public const string Directory = "annuaire";
    public const string Blog = "blog";
    public const string Liaison = "liaison";
    public const string Agenda = "agenda";
    public const string Skills = "competences";
    public const string Homework = "cahier-de-textes";
    public const string Quiz = "quiz";
    public const string Albums = "albums";
    public const string Documents = "documents";
    public const string Forum = "forum";

    /// <summary>
    /// What an invitation of a partner into a class may open (ADR 0037, 0039): the class's shared life, never its
    /// families' or pupils' own services (liaison, homework, skills, quizzes, directory of families).
    /// </summary>
    public static readonly IReadOnlyList<string> PartnerServices = [Blog, Agenda, Albums, Documents, Forum];
}

/// <summary>
/// Whether a school's, class's or group's service is switched on (ADR 0028). A switched-off service is off for
/// everyone and everywhere: its pages answer « service désactivé » or 404, and what it would add to other pages
/// (the homework due, the agenda's events, the family's notes) is left out. Nothing is deleted: switching it back on
/// brings everything back. A class's service is also off when its school switched it off. Read from a cache under the
/// database stamp: no query once warm.
/// </summary>
public interface IServiceSwitches
{
    Task<bool> IsOnAsync(string serviceKey, ScopeType scope, Guid scopeId, CancellationToken ct = default);

    /// <summary>Those of <paramref name="scopeIds"/> (all of <paramref name="scope"/>) where the service is off.</summary>
    Task<IReadOnlySet<Guid>> OffAmongAsync(string serviceKey, ScopeType scope, IReadOnlyCollection<Guid> scopeIds, CancellationToken ct = default);

    /// <summary>
    /// Every class, school and group where the service is off (the classes of a school that switched it off
    /// included), for lists that span spaces; empty, without a query, when nothing is switched off.
    /// </summary>
    Task<IReadOnlySet<Guid>> SpacesOffAsync(string serviceKey, CancellationToken ct = default);
}
