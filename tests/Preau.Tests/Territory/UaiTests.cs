using Preau.Web.Modules.Territory;

namespace Preau.Tests.Territory;

public sealed class UaiTests
{
    [Theory]
    [InlineData("0750654", 'D')]
    [InlineData("0000000", 'A')]
    [InlineData("0000022", 'Z')]
    public void CheckLetter_IsNumberModulo23InLetterAlphabet(string digits, char expected) =>
        Assert.Equal(expected, Uai.CheckLetter(digits));

    [Fact]
    public void IsValid_AcceptsCompletedCodeInAnyCase()
    {
        var uai = Uai.Complete("0700123");
        Assert.True(Uai.IsValid(uai));
        Assert.True(Uai.IsValid(uai.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("070012")]
    [InlineData("07001234")]
    [InlineData("0700123I")]
    public void IsValid_RejectsWrongShape(string value) => Assert.False(Uai.IsValid(value));

    [Fact]
    public void IsValid_RejectsWrongCheckLetter()
    {
        var good = Uai.Complete("0700123");
        var wrong = good[..7] + (good[7] == 'A' ? 'B' : 'A');
        Assert.False(Uai.IsValid(wrong));
    }
}
