using System.Text.RegularExpressions;

namespace Preau.Tests.Architecture;

/// <summary>
/// Each person's access is cached under the access stamp (Platform/Auth/AccessStamp.cs). SaveChanges raises it by
/// itself; a bulk ExecuteDelete/ExecuteUpdate on the tables access is computed from does not, so a file doing one
/// must raise it (AccessStamp.BumpAsync) or follow with a SaveChanges that touches the same kind of rows. The same holds
/// for what is cached under the stamp beside the access (StampedCache: the services' switches, the holidays, the news).
/// </summary>
public sealed partial class AccessStampTests
{
    [GeneratedRegex(@"db\.(Memberships|GuardianLinks|GroupMembers|Persons|Classes|Schools|ServiceSettings|AgendaHolidays|AgendaSettings|NewsItems|LocalAuthorities|LocalAuthorityMembers)\b[^;]*?\.Execute(Delete|Update)Async", RegexOptions.Singleline)]
    private static partial Regex BulkChangeOfAccessData();

    [Fact]
    public void BulkChangesOfAccessData_RaiseTheAccessStamp()
    {
        var web = Path.Combine(RepositoryRoot(), "src", "Preau.Web");
        var offenders = Directory.EnumerateFiles(web, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .Where(x => BulkChangeOfAccessData().IsMatch(x.Text))
            // GroupService's bulk changes are each followed by SaveChanges of GroupMember rows, which raises the stamp.
            .Where(x => !x.Text.Contains("AccessStamp.BumpAsync", StringComparison.Ordinal) && !x.File.EndsWith("GroupService.cs", StringComparison.Ordinal))
            .Select(x => Path.GetRelativePath(web, x.File))
            .ToList();
        Assert.Empty(offenders);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Preau.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Repository root not found");
    }
}
