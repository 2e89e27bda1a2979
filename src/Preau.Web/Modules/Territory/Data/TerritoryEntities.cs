namespace Preau.Web.Modules.Territory.Data;

/// <summary>The deployment itself: one département, one row.</summary>
public sealed class TerritoryInfo
{
    public int Id { get; set; } = 1;
    public required string Name { get; set; }
    /// <summary>Département number, e.g. "70".</summary>
    public required string Code { get; set; }
    /// <summary>School-holiday zone (A, B or C).</summary>
    public string HolidayZone { get; set; } = "A";
}

public sealed class District
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public string? Code { get; set; }
    public bool IsArchived { get; set; }
}

public enum LocalAuthorityKind
{
    Municipality = 0,
    MunicipalGroup = 1,
}

public sealed class LocalAuthority
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }
    public LocalAuthorityKind Kind { get; set; }
    /// <summary>INSEE code of a commune, SIREN of a groupement; optional.</summary>
    public string? OfficialCode { get; set; }
    public bool IsArchived { get; set; }
}

/// <summary>A commune belonging to a groupement (SIVOS, RPI, communauté de communes); a commune may belong to several.</summary>
public sealed class LocalAuthorityMember
{
    public Guid GroupId { get; set; }
    public Guid MunicipalityId { get; set; }
}

public enum SchoolType
{
    Maternelle = 0,
    Elementaire = 1,
    Primaire = 2,
}

public sealed class School
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public required string Uai { get; set; }
    public required string Name { get; set; }
    public SchoolType Type { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public Guid LocalAuthorityId { get; set; }
    public Guid DistrictId { get; set; }
    public bool IsArchived { get; set; }
}

public sealed class SchoolYear
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>"2026-2027".</summary>
    public required string Label { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public bool IsCurrent { get; set; }
}

public enum Scheme
{
    None = 0,
    Ulis = 1,
    Upe2a = 2,
}

public sealed class SchoolClass
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid SchoolId { get; set; }
    public Guid SchoolYearId { get; set; }
    public required string Name { get; set; }
    /// <summary>Levels taught, stored as flags so that a multi-level class is one value.</summary>
    public Levels Levels { get; set; }
    public Scheme Scheme { get; set; }
    /// <summary>ONDE's "Identifiant classe" when the class came from an import.</summary>
    public string? OndeId { get; set; }
    public bool IsArchived { get; set; }
}

[Flags]
public enum Levels
{
    None = 0,
    Tps = 1,
    Ps = 2,
    Ms = 4,
    Gs = 8,
    Cp = 16,
    Ce1 = 32,
    Ce2 = 64,
    Cm1 = 128,
    Cm2 = 256,
}
