using System.Text;
using TensorOne.Client.Secrets;
using Xunit;

namespace TensorOne.Client.Tests.Parsing;

public sealed class SecretMaskTests
{
    private const string Key = "tpo_test_ab/cd+ef";
    private static readonly SecretMask Mask = new(Key);

    [Theory]
    [InlineData("x tpo_test_ab/cd+ef y")]
    [InlineData("x tpo_test_ab\\/cd+ef y")] // PHP's json_encode
    [InlineData("x tpo_test_ab/cd\\u002Bef y")] // .NET's encoder
    [InlineData("x tpo_test_ab\\/cd\\u002bef y")]
    [InlineData("x \\u0074\\u0070\\u006F_test_ab/cd+ef y")]
    [InlineData("x tpo_test_ab%2Fcd%2Bef y")] // URL-encoded
    [InlineData("x tpo_test_ab%2fcd%2bef y")]
    public void Every_spelling_of_the_key_is_masked_in_the_raw_bytes(string text)
    {
        var masked = Encoding.UTF8.GetString(Mask.Apply(Encoding.UTF8.GetBytes(text)));

        Assert.Equal("x *** y", masked);
    }

    [Fact]
    public void Decoded_text_is_masked_and_text_without_the_key_is_left_alone()
    {
        Assert.Equal("a *** b *** c", Mask.Apply("a " + Key + " b tpo_test_ab%2Fcd+ef c"));
        Assert.Equal("tpo_test_ab/cd+e and ab\\/cd", Mask.Apply("tpo_test_ab/cd+e and ab\\/cd"));
        Assert.Null(Mask.Apply((string?)null));
    }
}
