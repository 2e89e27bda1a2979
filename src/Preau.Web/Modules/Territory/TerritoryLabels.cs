using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Territory;

/// <summary>French labels (localizer keys) of the territory's enumerations.</summary>
internal static class TerritoryLabels
{
    public static readonly Levels[] AllLevels =
        [Levels.Tps, Levels.Ps, Levels.Ms, Levels.Gs, Levels.Cp, Levels.Ce1, Levels.Ce2, Levels.Cm1, Levels.Cm2];

    public static string Type(SchoolType type) => type switch
    {
        SchoolType.Maternelle => "Maternelle",
        SchoolType.Elementaire => "Élémentaire",
        _ => "Primaire",
    };

    public static string Kind(LocalAuthorityKind kind) => kind == LocalAuthorityKind.MunicipalGroup ? "Groupement" : "Commune";

    public static string Scheme(Scheme scheme) => scheme switch
    {
        Data.Scheme.Ulis => "ULIS",
        Data.Scheme.Upe2a => "UPE2A",
        _ => "Aucun",
    };

    public static string Level(Levels level) => level.ToString().ToUpperInvariant();

    /// <summary>"CE1, CE2" for a multi-level class.</summary>
    public static string LevelList(Levels levels) =>
        string.Join(", ", AllLevels.Where(l => levels.HasFlag(l)).Select(Level));

    /// <summary>Case-insensitive "contains" that translates the same way on SQLite and PostgreSQL.</summary>
    public static string Pattern(string? search) => SearchFold.Fold((search ?? "").Trim());
}
