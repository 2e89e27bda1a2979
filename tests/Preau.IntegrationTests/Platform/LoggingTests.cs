using Preau.IntegrationTests.Infrastructure;

namespace Preau.IntegrationTests.Platform;

public sealed class LoggingTests(TestApp app)
{
    [DbFact]
    public async Task Logins_LeaveIdsInTheLogs_NeverPasswordsLoginsOrNames()
    {
        var school = await app.NewSchoolAsync();
        using var session = app.NewSession();
        const string typedSecret = "Mon-Secret-Tape-42";

        await session.LoginAsync(school.GuardianA.Login, typedSecret);
        await session.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        await session.SubmitAsync("/compte/mot-de-passe-oublie", ("LoginOrEmail", school.GuardianA.Email!));

        var lines = app.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains(school.GuardianA.Id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(typedSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(school.GuardianA.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(school.GuardianA.Login, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains(school.GuardianA.Email!, StringComparison.OrdinalIgnoreCase));
    }
}
