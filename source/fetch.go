package source

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// Fetcher downloads web pages and feeds safely: a timeout on every stage,
// a size cap, a redirect cap, a User-Agent that names parley, and — unless
// Options.AllowPrivate — no connection to loopback, private, link-local or
// unspecified addresses. The address check runs when the socket is dialled,
// on the address actually used, so a DNS answer that changes between a
// check and the connection (DNS rebinding) cannot get around it.
type Fetcher struct {
	opts   Options
	client *http.Client
}

// NewFetcher returns a fetcher configured by opts.
func NewFetcher(opts Options) *Fetcher {
	client := opts.Client
	if client == nil {
		dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
		if !opts.AllowPrivate {
			dialer.Control = refusePrivate
		}
		transport := &http.Transport{
			// No proxy from the environment: the address check must see the
			// real destination.
			Proxy:                 nil,
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: opts.timeout(),
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       60 * time.Second,
			ForceAttemptHTTP2:     true,
		}
		client = &http.Client{Transport: transport, Timeout: opts.timeout()}
	}
	// Copy so that our redirect policy does not change a caller's client.
	c := *client
	max := opts.maxRedirects()
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > max {
			return fmt.Errorf("more than %d redirects", max)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
		}
		return nil
	}
	return &Fetcher{opts: opts, client: &c}
}

// refusePrivate is a net.Dialer Control function that refuses addresses
// inside the machine or its local networks.
func refusePrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("%w: cannot parse %q", ErrBlockedAddress, address)
	}
	if blocked(ip) {
		return fmt.Errorf("%w: %s is loopback, private, link-local or unspecified (use --allow-private to permit)", ErrBlockedAddress, ip)
	}
	return nil
}

// sharedSpace is carrier-grade NAT space (RFC 6598), as internal as
// RFC 1918 space for our purposes.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

func blocked(ip netip.Addr) bool {
	ip = ip.Unmap()
	return !ip.IsGlobalUnicast() || ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() ||
		ip.IsUnspecified() || sharedSpace.Contains(ip) || (ip.Is4() && ip.As4()[0] == 0)
}

// Page is a fetched resource.
type Page struct {
	// URL is the final URL after redirects.
	URL         string
	ContentType string
	Data        []byte
}

// Fetch downloads rawURL (http or https only), failing on a non-2xx status,
// on a body over the size cap, and on the limits above.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("%w: scheme %q (http and https only)", ErrUnsupported, u.Scheme)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.opts.userAgent())
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			// url.Error repeats the method and URL the caller already names.
			err = ue.Err
		}
		return nil, fmt.Errorf("fetch: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch: HTTP %s", resp.Status)
	}
	if resp.ContentLength > f.opts.maxBytes() {
		return nil, f.opts.tooLarge()
	}
	data, err := readCapped(resp.Body, f.opts.maxBytes(), f.opts)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	return &Page{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Data: data}, nil
}

// kindFromContentType maps an HTTP Content-Type to a kind, or KindUnknown
// when the type does not settle it and the bytes must be sniffed.
func kindFromContentType(ct string) Kind {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return KindUnknown
	}
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return KindHTML
	case mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/feed+json":
		return KindFeed
	case mt == "application/warc":
		return KindWARC
	case mt == "text/plain":
		return KindText
	}
	return KindUnknown
}
