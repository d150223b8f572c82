using System.Net;
using System.Net.Sockets;

namespace HumanSecurityAlerts.Webhooks;

/// <summary>
/// Which IP addresses outbound webhooks may reach: public unicast only. Refuses loopback, private, link-local,
/// CGNAT, unspecified, multicast, broadcast, documentation/benchmark/reserved ranges and cloud metadata addresses,
/// including IPv4 addresses embedded in IPv6 (mapped, NAT64, 6to4).
/// </summary>
public static class NetworkAddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                        // 0.0.0.0/8 "this network", unspecified
        || b[0] == 10                                    // 10/8 private
        || b[0] == 127                                   // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)          // 100.64/10 CGNAT
        || (b[0] == 169 && b[1] == 254)                  // link-local, incl. 169.254.169.254 metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)          // 172.16/12 private
        || (b[0] == 192 && b[1] == 168)                  // 192.168/16 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // TEST-NET-1
        || (b[0] == 198 && (b[1] & 0xFE) == 18)          // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // TEST-NET-2
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // TEST-NET-3
        || b[0] >= 224);                                 // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC)                       // fc00::/7 unique local, incl. fd00:ec2::254 metadata
        {
            return false;
        }

        if ((b[0] & 0xE0) != 0x20)                       // only 2000::/3 is global unicast
        {
            return false;
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8)   // 2001:db8::/32 documentation
        {
            return false;
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)   // 2001::/32 Teredo
        {
            return false;
        }

        if (b[0] == 0x20 && b[1] == 0x02)                // 2002::/16 6to4: judge the embedded IPv4
        {
            return IsPublicV4([b[2], b[3], b[4], b[5]]);
        }

        return true;
    }
}
