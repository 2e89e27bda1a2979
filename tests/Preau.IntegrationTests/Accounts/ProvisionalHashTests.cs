using System.Buffers.Binary;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts;

namespace Preau.IntegrationTests.Accounts;

public sealed class ProvisionalHashTests(TestApp app)
{
    private static int Iterations(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    [DbFact]
    public async Task PrintedFirstPassword_IsRehashedAtFullCost_OnFirstLogin()
    {
        var provisional = app.Services.GetRequiredService<ProvisionalPasswordHasher>();
        var adult = await app.NewAdultAsync(u => u.PasswordHash = provisional.HashPassword(u, "Premier-Mot-2026"));
        Assert.Equal(ProvisionalPasswordHasher.Iterations, Iterations(await app.WithDbAsync(db => db.Users.Where(u => u.Id == adult.Id).Select(u => u.PasswordHash!).SingleAsync())));
        using var session = app.NewSession();

        var response = await session.LoginAsync(adult.Login, "Premier-Mot-2026");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        var upgraded = await app.WithDbAsync(db => db.Users.Where(u => u.Id == adult.Id).Select(u => u.PasswordHash!).SingleAsync());
        Assert.True(Iterations(upgraded) >= 100_000, $"iterations: {Iterations(upgraded)}");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);
    }
}
