from django import forms


class NewsletterSignupForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address.",
        },
    )
    consent = forms.BooleanField(
        label="I agree to receive the Verdant Field newsletter and can unsubscribe "
        "at any time.",
        error_messages={"required": "Tick the box to agree to receive the newsletter."},
    )
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)
