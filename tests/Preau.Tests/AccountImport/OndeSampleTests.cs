using System.Text.Json;
using Preau.Web.Modules.AccountImport.Onde;

namespace Preau.Tests.AccountImport;

/// <summary>The synthetic ONDE samples in shared/data/onde parse with exactly the counts of their expected.json.</summary>
public sealed class OndeSampleTests
{
    public static TheoryData<string> Samples => new("ecole-vesoul-jaures", "ecole-rurale-be1d");

    internal static string SamplesFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Preau.slnx")))
        {
            dir = dir.Parent;
        }
        Assert.True(dir is not null, $"Preau.slnx introuvable en remontant depuis {AppContext.BaseDirectory}.");
        var folder = Path.GetFullPath(Path.Combine(dir!.FullName, "..", "shared", "data", "onde"));
        Assert.True(Directory.Exists(folder),
            $"Dossier des échantillons ONDE absent : {folder}. Copiez shared/ à côté du clone (../shared/data/onde).");
        return folder;
    }

    private static OndeExtraction ParseSample(string sample)
    {
        var folder = Path.Combine(SamplesFolder(), sample);
        using var pupils = File.OpenRead(Path.Combine(folder, "eleves.csv"));
        using var guardians = File.OpenRead(Path.Combine(folder, "responsables.csv"));
        return OndeParser.Parse(pupils, guardians);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_ParsesWithExactlyTheExpectedCounts(string sample)
    {
        using var expectedFile = File.OpenRead(Path.Combine(SamplesFolder(), sample, "expected.json"));
        var expected = JsonDocument.Parse(expectedFile).RootElement;
        int Expected(string name) => expected.GetProperty(name).GetInt32();

        var result = ParseSample(sample);

        Assert.Empty(result.Errors);
        Assert.Equal(Expected("pupils"), result.Pupils.Count);
        Assert.Equal(Expected("classes"), result.Classes.Count);
        Assert.Equal(Expected("multi_level_classes"), result.MultiLevelClassCount);
        Assert.Equal(Expected("guardians"), result.Guardians.Count);
        Assert.Equal(Expected("guardian_rows_including_duplicate"), result.GuardianRowCount);
        Assert.Equal(Expected("host_organisation_rows"), result.HostOrganisationRowsSkipped);
        Assert.Equal(Expected("guardian_pupil_links"), result.Links.Count);
        Assert.Equal(Expected("families_with_siblings"), result.CountFamiliesWithSiblings());
        Assert.Equal(Expected("pupils_without_photo_authorisation"), result.Pupils.Count(p => p.PhotoAllowed != true));
        Assert.Equal(Expected("pupils_without_ine"), result.Pupils.Count(p => p.Ine is null));
        var variant = expected.GetProperty("variant").GetString();
        Assert.Equal(variant == "be1d" ? OndeVariant.BaseEleves : OndeVariant.Onde, result.Variant);
    }

    [Fact]
    public void Vesoul_ReadsWindows1252AccentsAndCurrentOndeFields()
    {
        var result = ParseSample("ecole-vesoul-jaures");

        Assert.Equal("Windows-1252", result.PupilsEncoding);
        var first = result.Pupils[0];
        Assert.Equal("MOREL", first.LastName);
        Assert.Equal("Aïcha", first.FirstName);
        Assert.Equal(new DateOnly(2016, 5, 19), first.BirthDate);
        Assert.Equal('F', first.Sex);
        Assert.Equal("0000700074A", first.Ine);
        Assert.Equal(Preau.Web.Modules.Territory.Data.Levels.Cm2, first.Level);
        Assert.Equal("CM2 Mme Michel", first.ClassLabel);
        Assert.Equal("4000703", first.OndeClassId);
        Assert.Equal("CYCLE III", first.Cycle);
        Assert.True(first.PhotoAllowed);
        Assert.True(first.AssociationsAllowed);
        Assert.Equal(2, first.SourceLine);
        Assert.Contains(result.Classes, c => c.Label == "CE1-CE2 M. N'Diaye" && c.IsMultiLevel && c.OndeId == "4000701");
        Assert.Contains(result.Pupils, p => p.Address2 is not null);
    }

    [Fact]
    public void Vesoul_MergesTheDuplicateGuardianAndSkipsTheTownHall()
    {
        var result = ParseSample("ecole-vesoul-jaures");

        var duplicate = Assert.Single(result.Guardians, g => g.SourceLines.Count > 1);
        Assert.Equal("MICHEL", duplicate.LastName);
        Assert.Equal("Jules", duplicate.FirstName);
        Assert.Equal("M.", duplicate.Civility);
        var host = Assert.Single(result.SkippedHostOrganisations);
        Assert.Equal(107, host.Line);
        Assert.Contains("MAIRIE DE VESOUL", host.Message, StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.File == OndeFile.Guardians && w.Message.Contains("fusionnées", StringComparison.Ordinal));
        // Siblings in several classes: one guardian linked to three pupils in three classes.
        Assert.Contains(result.Guardians, g => result.Links.Where(l => l.Guardian == g).Select(l => l.Pupil.ClassLabel).Distinct().Count() == 3);
    }

    [Fact]
    public void Be1d_ReadsUtf8BomDdMmYyyyAndMultiLevelClasses()
    {
        var result = ParseSample("ecole-rurale-be1d");

        Assert.Equal("UTF-8 (BOM)", result.PupilsEncoding);
        Assert.Equal("SIMON", result.Pupils[0].LastName);
        Assert.Equal("Salomé", result.Pupils[0].FirstName);
        Assert.Equal(new DateOnly(2019, 9, 26), result.Pupils[0].BirthDate);
        Assert.All(result.Classes, c => Assert.True(c.IsMultiLevel));
        Assert.All(result.Classes, c => Assert.Null(c.OndeId));
    }
}
