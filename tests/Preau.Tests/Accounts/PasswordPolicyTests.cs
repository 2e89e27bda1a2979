using Preau.Web.Modules.Accounts;
using Preau.Web.Modules.Accounts.Data;

namespace Preau.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    private static bool Accepts(string password, bool pupil = false, string login = "lea.martin") =>
        new PasswordPolicy().ValidateAsync(null!, new PreauUser { IsPupil = pupil, UserName = login }, password).Result.Succeeded;

    [Theory]
    [InlineData("Court1!", false)]
    [InlineData("toutenminuscule", false)]
    [InlineData("Troissortes2026", true)]
    [InlineData("une phrase assez longue", true)]
    [InlineData("Lea.Martin-2026x", false)]
    public void Adults_NeedTwelveCharactersOfThreeKindsOrAPassphrase(string password, bool expected) =>
        Assert.Equal(expected, Accepts(password));

    [Theory]
    [InlineData("lune42", true)]
    [InlineData("abc", false)]
    public void Pupils_KeepSimplePasswords(string password, bool expected) => Assert.Equal(expected, Accepts(password, pupil: true));

    [Fact]
    public void GeneratedPasswords_SatisfyTheirPolicy()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.True(Accepts(PasswordPolicy.GenerateAdultPassword()));
            Assert.True(Accepts(PasswordPolicy.GeneratePupilPassword(), pupil: true));
        }
    }
}
