using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace HumanSecurityAlerts.RateLimiting;

/// <summary>Which client a request comes from, as a rate-limit key that does not store the address itself.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The connection's remote address, as the worker's forwarded-headers step sets it from the right-most
    /// <c>X-Forwarded-For</c> entry (the one the platform's front end, or the local host, appended; entries to its
    /// left are the client's own claims and are never used). IPv6 clients are grouped by /64, the block one
    /// subscriber line usually gets.
    /// </summary>
    public static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Array.Clear(bytes, 8, 8);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];
    }
}
