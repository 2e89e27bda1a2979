using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;

namespace Preau.Web.Modules.AccountImport.Onde;

/// <summary>Which of the two ONDE extractions a message is about.</summary>
internal enum OndeFile
{
    Pupils = 0,
    Guardians = 1,
}

/// <summary>The shape of the pupils' extraction, guessed from its headers.</summary>
internal enum OndeVariant
{
    Unknown = 0,
    /// <summary>Current ONDE: INE, "Libellé classe", "Identifiant classe".</summary>
    Onde = 1,
    /// <summary>Legacy Base Élèves (BE1D, before 2017): no INE, a "Classe" column.</summary>
    BaseEleves = 2,
}

/// <summary>A row or file that could not be used (error) or was used with a doubt (warning), in French.</summary>
/// <param name="File">The extraction concerned.</param>
/// <param name="Line">Line as a spreadsheet counts it: the header is line 1.</param>
/// <param name="Message">Reason, in French, for the director.</param>
internal sealed record OndeMessage(OndeFile File, int Line, string Message)
{
    public string FileLabel => File == OndeFile.Pupils ? "élèves" : "responsables";

    public override string ToString() => $"Fichier des {FileLabel}, ligne {Line} : {Message}";
}

internal sealed record OndeAddress(string? Street, string? PostalCode, string? City, string? Country)
{
    public bool IsEmpty =>
        string.IsNullOrEmpty(Street) && string.IsNullOrEmpty(PostalCode)
        && string.IsNullOrEmpty(City) && string.IsNullOrEmpty(Country);
}

internal sealed record OndePupil
{
    public required string LastName { get; init; }
    public string? UsageName { get; init; }
    public required string FirstName { get; init; }
    public DateOnly BirthDate { get; init; }
    /// <summary>'M' or 'F' ("H" is read as 'M'); null when absent or unreadable.</summary>
    public char? Sex { get; init; }
    public string? Ine { get; init; }
    public string? Cycle { get; init; }
    /// <summary>One flag, or <see cref="Levels.None"/> when the level is absent or not a level (legacy "CLIS").</summary>
    public Levels Level { get; init; }
    public required string ClassLabel { get; init; }
    public string? OndeClassId { get; init; }
    public Scheme Scheme { get; init; }
    public bool? PhotoAllowed { get; init; }
    public bool? AssociationsAllowed { get; init; }
    public OndeAddress? Address1 { get; init; }
    public OndeAddress? Address2 { get; init; }
    public int SourceLine { get; init; }

    public override string ToString() => $"{FirstName} {LastName} ({ClassLabel})";
}

internal sealed class OndeClass
{
    public required string Label { get; init; }
    public string? OndeId { get; init; }
    public Levels Levels { get; internal set; }
    public Scheme Scheme { get; internal set; }
    public int PupilCount { get; internal set; }

    public bool IsMultiLevel => System.Numerics.BitOperations.PopCount((uint)Levels) > 1;

    public override string ToString() => Label;
}

internal sealed class OndeGuardian
{
    /// <summary>"M." or "Mme" ("MLLE" is read as "Mme"); null when absent.</summary>
    public string? Civility { get; internal set; }
    public required string LastName { get; init; }
    public string? UsageName { get; internal set; }
    public required string FirstName { get; init; }
    /// <summary>Only when the file has a relationship column; ONDE's standard extraction has none.</summary>
    public Relationship? Relationship { get; internal set; }
    /// <summary>Only when the file has a parental-authority column.</summary>
    public bool? HasParentalAuthority { get; internal set; }
    public string? Email { get; internal set; }
    public string? HomePhone { get; internal set; }
    public string? WorkPhone { get; internal set; }
    public string? WorkExtension { get; internal set; }
    public string? MobilePhone { get; internal set; }
    public OndeAddress? Address { get; internal set; }
    /// <summary>Socio-professional category (ONDE 2019+), when present.</summary>
    public string? Pcs { get; internal set; }
    /// <summary>Every line of the file that described this guardian (several when ONDE listed them twice).</summary>
    public List<int> SourceLines { get; } = [];

    public override string ToString() => $"{FirstName} {LastName}";
}

internal sealed record OndeGuardianLink(
    OndeGuardian Guardian,
    OndePupil Pupil,
    Relationship? Relationship,
    bool? HasParentalAuthority,
    int SourceLine);

/// <summary>Both ONDE extractions of one school, read in one pass; nothing is written anywhere.</summary>
internal sealed class OndeExtraction
{
    public OndeVariant Variant { get; internal set; }
    public string? PupilsEncoding { get; internal set; }
    public string? GuardiansEncoding { get; internal set; }
    public List<OndePupil> Pupils { get; } = [];
    public List<OndeClass> Classes { get; } = [];
    public List<OndeGuardian> Guardians { get; } = [];
    public List<OndeGuardianLink> Links { get; } = [];
    /// <summary>Rows or files that could not be used, with their line and reason in French.</summary>
    public List<OndeMessage> Errors { get; } = [];
    /// <summary>Rows used with a doubt (unknown column, unreadable authorisation, …).</summary>
    public List<OndeMessage> Warnings { get; } = [];
    /// <summary>Guardian rows read, duplicates included, host organisations excluded.</summary>
    public int GuardianRowCount { get; internal set; }
    /// <summary>Host-organisation ("organisme d'accueil") rows skipped, with their line.</summary>
    public List<OndeMessage> SkippedHostOrganisations { get; } = [];

    public int HostOrganisationRowsSkipped => SkippedHostOrganisations.Count;

    public int MultiLevelClassCount => Classes.Count(c => c.IsMultiLevel);

    public bool HasErrors => Errors.Count > 0;

    /// <summary>Families (pupils sharing at least one guardian, transitively) with two pupils or more.</summary>
    public int CountFamiliesWithSiblings()
    {
        var parent = new Dictionary<OndePupil, OndePupil>(ReferenceEqualityComparer.Instance);
        OndePupil Find(OndePupil p)
        {
            while (parent.TryGetValue(p, out var up) && !ReferenceEquals(up, p))
            {
                p = up;
            }
            return p;
        }
        foreach (var group in Links.GroupBy(l => l.Guardian))
        {
            OndePupil? first = null;
            foreach (var link in group)
            {
                parent.TryAdd(link.Pupil, link.Pupil);
                if (first is null)
                {
                    first = link.Pupil;
                    continue;
                }
                var a = Find(first);
                var b = Find(link.Pupil);
                if (!ReferenceEquals(a, b))
                {
                    parent[b] = a;
                }
            }
        }
        return parent.Keys.GroupBy(Find).Count(g => g.Count() > 1);
    }
}
