namespace FlaxGuard.Engine.Http
{
    /// <summary>The Basic credentials header value (RFC 7617): user-id ":" password in UTF-8, base64.</summary>
    public static class BasicAuthorization
    {
        public static string HeaderValue(HttpCredentials credentials)
        {
            return "Basic " + Base64.Encode(Text.Utf8.GetBytes(credentials.Username + ":" + credentials.Password));
        }
    }
}
