namespace HumanSecurityAlerts.Site;

/// <summary>
/// The one stylesheet of the console and the public pages, served from <see cref="Path"/> so pages can run under
/// <c>style-src 'self'</c>. In the spirit of the GOV.UK Design System: a readable type scale, one column of two thirds
/// on wide screens, a yellow focus ring that is always visible, error summaries and fields marked in red.
/// </summary>
public static class SiteStylesheet
{
    public const string Path = "/api/assets/site.css";

    public const string Css = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-size:100%;-webkit-text-size-adjust:100%}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.1875rem;line-height:1.45;color:#0b0c0c;background:#fff}
        .width{max-width:60rem;margin:0 auto;padding-left:1rem;padding-right:1rem}
        main{padding-top:1.5rem;padding-bottom:3rem;display:block}
        .column{max-width:100%}
        @media (min-width:48rem){.column{max-width:66.666%}.column:has(.table-wrap){max-width:100%}}
        h1{font-size:2rem;line-height:1.1;margin:0 0 1.5rem}
        h2{font-size:1.5rem;line-height:1.2;margin:2rem 0 1rem}
        h3{font-size:1.25rem;margin:1.5rem 0 .75rem}
        h4{font-size:1.1875rem;margin:1.25rem 0 .5rem}
        p{margin:0 0 1rem}
        a{color:#1d70b8;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.1em}
        a:visited{color:#4c2c92}
        a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
        a:focus,button:focus,input:focus,select:focus,textarea:focus,.link-button:focus,.table-wrap:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
        a:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;outline:none;text-decoration:none}
        .header{background:#0b0c0c;color:#fff;padding:.75rem 0}
        .header-inner{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
        .header a,.header a:visited,.header .link-button{color:#fff}
        .header a:focus,.header .link-button:focus{color:#0b0c0c;background:#ffdd00}
        .brand{font-weight:700;text-decoration:none;margin-right:auto}
        .nav{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;list-style:none;margin:0;padding:0}
        .nav form{margin:0}
        .nav a[aria-current=page]{font-weight:700}
        .link-button{background:none;border:0;padding:0;font:inherit;text-decoration:underline;cursor:pointer;color:#1d70b8}
        .field{margin:0 0 1.5rem}
        .field-error{border-left:5px solid #d4351c;padding-left:.75rem}
        label,legend{display:block;font-weight:700;margin-bottom:.25rem}
        .hint{color:#505a5f;font-weight:400}
        .input,.select,.textarea,input[type=email],input[type=url],input[type=text],input[type=password],input:not([type]){font:inherit;width:100%;max-width:40rem;padding:.3rem;border:2px solid #0b0c0c;border-radius:0;background:#fff;color:#0b0c0c}
        .select{width:auto}
        .field-error .input,.field-error .textarea,.field-error .select{border-color:#d4351c}
        .fieldset,fieldset{border:0;margin:0 0 1.5rem;padding:0}
        label:has(input[type=checkbox]),label:has(input[type=radio]){display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
        label input[type=checkbox],label input[type=radio]{width:1.25rem;height:1.25rem;margin:.15rem 0 0;flex:none}
        .choice{display:flex;gap:.5rem;align-items:flex-start;margin:.25rem 0}
        .choice input{width:1.5rem;height:1.5rem;margin:.1rem 0 0;flex:none}
        .choice label{font-weight:400;margin:0}
        button,.button{display:inline-block;font:inherit;font-weight:400;line-height:1.2;padding:.5rem .75rem;margin:0 .5rem 1rem 0;border:2px solid transparent;border-radius:0;
          background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none}
        button:hover,.button:hover{background:#005a30}
        .button-secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
        .button-secondary:hover{background:#dbdad9}
        a.button,a.button:visited{color:#fff}
        a.button-secondary,a.button-secondary:visited{color:#0b0c0c}
        .error-message,.error{color:#d4351c;font-weight:700}
        dt{font-weight:700}
        dd{margin:0 0 .5rem;overflow-wrap:anywhere}
        .error-summary{border:5px solid #d4351c;padding:1rem;margin:0 0 2rem}
        .error-summary h2{margin-top:0}
        .error-summary ul{margin:0;padding-left:1.25rem}
        .error-summary a,.error-summary a:visited{color:#d4351c;font-weight:700}
        .error-summary a:focus{color:#0b0c0c}
        .notice{border-left:5px solid #00703c;padding:.5rem .75rem;background:#f3f2f1}
        .tag{display:inline-block;padding:0 .3rem;background:#cce2d8;color:#005a30}
        mark{background:#ffdd00;color:#0b0c0c;font-weight:700;padding:0 .1em}
        .table-wrap{overflow-x:auto;margin:0 0 1.5rem}
        .table{border-collapse:collapse;width:100%;font-size:1rem}
        .table th,.table td{text-align:left;vertical-align:top;padding:.5rem 1rem .5rem 0;border-bottom:1px solid #b1b4b6}
        .table .numeric{text-align:right}
        .list{margin:0;padding-left:1.1rem}
        .summary-list{display:grid;grid-template-columns:1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
        @media (min-width:40rem){.summary-list{grid-template-columns:minmax(8rem,max-content) 1fr}}
        .summary-list dt{font-weight:700}
        .summary-list dd{margin:0;overflow-wrap:anywhere}
        .filters{display:flex;flex-wrap:wrap;gap:0 1rem;align-items:flex-end}
        .link-button,.link-button:hover{background:none;box-shadow:none;margin:0;padding:0;line-height:inherit}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
        .subscribe:not(:has(#channel-webhook:checked)) .webhook-only{display:none}
        .subscribe:has(#channel-webhook:checked) .email-only{display:none}
        """;
}
